<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>kiosk</name>
    <message>
        <source>Tap to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or go straight to a part:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.  %2</source>
        <extracomment>%1 is the section&apos;s number, %2 its title (from the article, not translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <extracomment>%1 is the next section&apos;s title (from the article, not translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: The end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <extracomment>One letter of the language&apos;s alphabet that looks like a letter at a glance.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of %2 · Page %3 of %4</source>
        <extracomment>The footer of the reading screen. Pages are counted within the section.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n percent read</source>
        <translation>
            <numerusform>%n percent read</numerusform>
            <numerusform>%n percent read</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <extracomment>%1 is the section&apos;s title (from the article, not translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Picture: %1]</source>
        <extracomment>%1 is the picture&apos;s description (from the article, not translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General information, not medical advice. Please ask your care team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About this information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next review due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <extracomment>The heading over the list of sources an article&apos;s facts come from.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This article does not say when it was reviewed or where its information comes from. Please ask your care team about anything in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <extracomment>The short form of &quot;Part %1 of %2 · Page %3 of %4&quot; on a small panel.
----------
%1 is the page&apos;s number, %2 how many pages there are.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>The page within the section and how many it has, as on a 7&quot; panel: &quot;3 / 8&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have reached the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the last page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still reading?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap anywhere to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Going back to the start in %n seconds</source>
        <translation>
            <numerusform>Going back to the start in %n second</numerusform>
            <numerusform>Going back to the start in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>This screen is being updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask at the desk if you would like information in the meantime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff access: enter the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff access is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1.</source>
        <extracomment>%1 is a time of day, such as 14:05.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No staff PIN is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone can open the staff screen until a PIN is set. To open it, hold the button below for 3 seconds. To set a PIN, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to open the staff screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No staff PIN is set: anyone can open this screen. Set one with: %1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff access is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff access: wrong tries cannot be saved to %1 (%2); the lock still holds until the kiosk restarts.</source>
        <extracomment>%1 is a file&apos;s path; %2 is the system&apos;s reason, such as &quot;No space left on device&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff PIN cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff PIN kept in the config file cannot be read or is not safe, so the staff screen stays closed. The log and &apos;kiosk check&apos; say why. To set the PIN again, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To fix when you can (the kiosk still works):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patients will see the desktop until it starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, close it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the content…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting-room kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Louder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud more quietly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud louder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud more slowly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: Quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: Loud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud&apos;s volume and speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes to read</source>
        <translation>
            <numerusform>About %n minute to read</numerusform>
            <numerusform>About %n minutes to read</numerusform>
        </translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>A letter A and a minus sign: the usual sign for &quot;smaller text&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A+</source>
        <extracomment>A letter A and a plus sign: the usual sign for &quot;larger text&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry on reading: %1</source>
        <extracomment>%1 is the title of the section the patient was reading (from the article).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts</source>
        <extracomment>Keep it short: it sits beside &quot;Tap to start&quot; on a 7-inch screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All leaflets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaflets</source>
        <extracomment>Keep it short: it shares a row with the language buttons on a 7-inch screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of %2</source>
        <extracomment>%1 is the part&apos;s number, %2 how many parts there are.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts %1–%2 of %3</source>
        <extracomment>%1 and %2 are the first and last part shown, %3 how many parts there are.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <extracomment>%1 is a whole number from 100 (Standard) to 200; write the percent sign as your language does (&quot;125 %&quot; in French).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clinic is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1.</source>
        <extracomment>%1 is a time of day, such as 08:00.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1 on %2.</source>
        <extracomment>%1 is a time of day, such as 08:00; %2 a day of the week (&quot;Monday&quot;) or, more than a week ahead, a date (&quot;Monday, 5 January 2026&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cleaning: touches are ignored for %n seconds</source>
        <translation>
            <numerusform>Cleaning: touches are ignored for %n second</numerusform>
            <numerusform>Cleaning: touches are ignored for %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To stop sooner, hold a finger on the number for %n seconds.</source>
        <translation>
            <numerusform>To stop sooner, hold a finger on the number for %n second.</numerusform>
            <numerusform>To stop sooner, hold a finger on the number for %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Readings in the last %n days</source>
        <translation>
            <numerusform>Readings in the last %n day</numerusform>
            <numerusform>Readings in the last %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>No readings counted yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readings started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readings finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1. Finished: %2.</source>
        <extracomment>%1 and %2 are numbers of readings.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All other articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <extracomment>%1 and %2 are dates, such as &quot;3 March&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where readers stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the readings started got as far as each part:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1</source>
        <extracomment>%1 is the part&apos;s number in the article.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More readers stop between part %1 and part %2 than anywhere else.</source>
        <extracomment>%1 and %2 are the numbers of two parts that follow each other.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to read this at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other leaflets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <comment>page</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <comment>page</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: %1</source>
        <extracomment>%1 is the language chosen, in its own name (&quot;English&quot;, &quot;Español&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
