<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>kiosk</name>
    <message>
        <source>Tap to start</source>
        <translation>اضغط للبدء</translation>
    </message>
    <message>
        <source>Or go straight to a part:</source>
        <translation>أو انتقل مباشرةً إلى جزء:</translation>
    </message>
    <message>
        <source>%1.  %2</source>
        <extracomment>%1 is the section&apos;s number, %2 its title (from the article, not translated).</extracomment>
        <translation>%1.  %2</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>السابق</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <extracomment>%1 is the next section&apos;s title (from the article, not translated).</extracomment>
        <translation>التالي: %1</translation>
    </message>
    <message>
        <source>Next: The end</source>
        <translation>التالي: النهاية</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>حجم الخط</translation>
    </message>
    <message>
        <source>A</source>
        <extracomment>One letter of the language&apos;s alphabet that looks like a letter at a glance.</extracomment>
        <translation>أ</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>تصغير الخط</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>تكبير الخط</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>تباين عالٍ</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>القراءة بصوت عالٍ</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>إيقاف القراءة</translation>
    </message>
    <message>
        <source>Part %1 of %2 · Page %3 of %4</source>
        <extracomment>The footer of the reading screen. Pages are counted within the section.</extracomment>
        <translation>الجزء %1 من %2 · الصفحة %3 من %4</translation>
    </message>
    <message numerus="yes">
        <source>%n percent read</source>
        <translation>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
            <numerusform>تمت قراءة %n بالمئة</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <extracomment>%1 is the section&apos;s title (from the article, not translated).</extracomment>
        <translation>%1 (تابع)</translation>
    </message>
    <message>
        <source>[Picture: %1]</source>
        <extracomment>%1 is the picture&apos;s description (from the article, not translated).</extracomment>
        <translation>[صورة: %1]</translation>
    </message>
    <message>
        <source>General information, not medical advice. Please ask your care team.</source>
        <translation>معلومات عامة، وليست نصيحة طبية. اسأل فريق رعايتك.</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>مقدمة</translation>
    </message>
    <message>
        <source>About this information</source>
        <translation>عن هذه المعلومات</translation>
    </message>
    <message>
        <source>Last reviewed</source>
        <translation>آخر مراجعة</translation>
    </message>
    <message>
        <source>Next review due</source>
        <translation>موعد المراجعة القادمة</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>راجعه</translation>
    </message>
    <message>
        <source>Sources</source>
        <extracomment>The heading over the list of sources an article&apos;s facts come from.</extracomment>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>This article does not say when it was reviewed or where its information comes from. Please ask your care team about anything in it.</source>
        <translation>لا يذكر هذا النص متى رُوجع ولا من أين جاءت معلوماته. اسأل فريق رعايتك عن أي شيء فيه.</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>القائمة</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <extracomment>The short form of &quot;Part %1 of %2 · Page %3 of %4&quot; on a small panel.
----------
%1 is the page&apos;s number, %2 how many pages there are.</extracomment>
        <translation>الصفحة %1 من %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>The page within the section and how many it has, as on a 7&quot; panel: &quot;3 / 8&quot;.</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>You have reached the end</source>
        <translation>لقد وصلت إلى النهاية</translation>
    </message>
    <message>
        <source>Thank you for reading.</source>
        <translation>شكرًا على القراءة.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>البدء من جديد</translation>
    </message>
    <message>
        <source>Back to the last page</source>
        <translation>العودة إلى الصفحة الأخيرة</translation>
    </message>
    <message>
        <source>Still reading?</source>
        <translation>هل ما زلت تقرأ؟</translation>
    </message>
    <message>
        <source>Tap anywhere to continue</source>
        <translation>اضغط في أي مكان للمتابعة</translation>
    </message>
    <message numerus="yes">
        <source>Going back to the start in %n seconds</source>
        <translation>
            <numerusform>العودة إلى البداية بعد %n ثانية</numerusform>
            <numerusform>العودة إلى البداية بعد %n ثانية</numerusform>
            <numerusform>العودة إلى البداية بعد %n ثانيتين</numerusform>
            <numerusform>العودة إلى البداية بعد %n ثوانٍ</numerusform>
            <numerusform>العودة إلى البداية بعد %n ثانية</numerusform>
            <numerusform>العودة إلى البداية بعد %n ثانية</numerusform>
        </translation>
    </message>
    <message>
        <source>This screen is being updated</source>
        <translation>يجري تحديث هذه الشاشة</translation>
    </message>
    <message>
        <source>Please ask at the desk if you would like information in the meantime.</source>
        <translation>إذا أردت معلومات في هذه الأثناء، يُرجى السؤال في مكتب الاستقبال.</translation>
    </message>
    <message>
        <source>Staff access: enter the PIN</source>
        <translation>دخول الموظفين: أدخل الرقم السري</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولة.</numerusform>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولة.</numerusform>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولتان.</numerusform>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولات.</numerusform>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولة.</numerusform>
            <numerusform>الرقم السري خاطئ. تبقى %n محاولة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff access is locked</source>
        <translation>دخول الموظفين مقفل</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1.</source>
        <extracomment>%1 is a time of day, such as 14:05.</extracomment>
        <translation>أُدخل رقم سري خاطئ مرات كثيرة. حاول مرة أخرى بعد الساعة %1.</translation>
    </message>
    <message>
        <source>No staff PIN is set</source>
        <translation>لم يُحدَّد رقم سري للموظفين</translation>
    </message>
    <message>
        <source>Anyone can open the staff screen until a PIN is set. To open it, hold the button below for 3 seconds. To set a PIN, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>يستطيع أي شخص فتح شاشة الموظفين إلى أن يُحدَّد رقم سري. لفتحها، اضغط على الزر أدناه مطولًا لمدة 3 ثوانٍ. لتحديد رقم سري، شغّل هذا الأمر على حاسوب الكشك:
⁦%1⁩</translation>
    </message>
    <message>
        <source>Hold to open the staff screen</source>
        <translation>اضغط مطولًا لفتح شاشة الموظفين</translation>
    </message>
    <message>
        <source>No staff PIN is set: anyone can open this screen. Set one with: %1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>لم يُحدَّد رقم سري للموظفين: يستطيع أي شخص فتح هذه الشاشة. حدِّده بهذا الأمر: ⁦%1⁩</translation>
    </message>
    <message>
        <source>Staff access is not available here.</source>
        <translation>دخول الموظفين غير متاح هنا.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Staff access: wrong tries cannot be saved to %1 (%2); the lock still holds until the kiosk restarts.</source>
        <extracomment>%1 is a file&apos;s path; %2 is the system&apos;s reason, such as &quot;No space left on device&quot;.</extracomment>
        <translation>دخول الموظفين: لا يمكن حفظ المحاولات الخاطئة في ⁦%1⁩ (⁨%2⁩)؛ ويبقى القفل قائمًا حتى يُعاد تشغيل الكشك.</translation>
    </message>
    <message>
        <source>The staff PIN cannot be used</source>
        <translation>لا يمكن استخدام الرقم السري للموظفين</translation>
    </message>
    <message>
        <source>The staff PIN kept in the config file cannot be read or is not safe, so the staff screen stays closed. The log and &apos;kiosk check&apos; say why. To set the PIN again, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>الرقم السري للموظفين المحفوظ في ملف الإعدادات لا تمكن قراءته أو غير آمن، لذلك تبقى شاشة الموظفين مغلقة. يوضح السجل والأمر «⁦kiosk check⁩» السبب. لتحديد الرقم السري من جديد، شغّل هذا الأمر على حاسوب الكشك:
⁦%1⁩</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>الموظفون</translation>
    </message>
    <message>
        <source>Reload content</source>
        <translation>إعادة تحميل المحتوى</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>الخروج من الكشك</translation>
    </message>
    <message>
        <source>Back to kiosk</source>
        <translation>العودة إلى الكشك</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>المشكلات:</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>لا توجد مشكلات.</translation>
    </message>
    <message>
        <source>To fix when you can (the kiosk still works):</source>
        <translation>للإصلاح عندما يتسنى لك (الكشك ما زال يعمل):</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>هل تريد إغلاق الكشك؟</translation>
    </message>
    <message>
        <source>Patients will see the desktop until it starts again.</source>
        <translation>سيرى المرضى سطح المكتب إلى أن يبدأ الكشك من جديد.</translation>
    </message>
    <message>
        <source>Yes, close it</source>
        <translation>نعم، أغلقه</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation>لا، رجوع</translation>
    </message>
    <message>
        <source>Checking the content…</source>
        <translation>جارٍ التحقق من المحتوى…</translation>
    </message>
    <message>
        <source>Waiting-room kiosk</source>
        <translation>كشك قاعة الانتظار</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>أخفض</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>أعلى</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>أبطأ</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>أسرع</translation>
    </message>
    <message>
        <source>Read aloud more quietly</source>
        <translation>القراءة بصوت أخفض</translation>
    </message>
    <message>
        <source>Read aloud louder</source>
        <translation>القراءة بصوت أعلى</translation>
    </message>
    <message>
        <source>Read aloud more slowly</source>
        <translation>القراءة بسرعة أبطأ</translation>
    </message>
    <message>
        <source>Read aloud faster</source>
        <translation>القراءة بسرعة أكبر</translation>
    </message>
    <message>
        <source>Volume: Quiet</source>
        <translation>مستوى الصوت: منخفض</translation>
    </message>
    <message>
        <source>Volume: Loud</source>
        <translation>مستوى الصوت: مرتفع</translation>
    </message>
    <message>
        <source>Volume: Normal</source>
        <translation>مستوى الصوت: عادي</translation>
    </message>
    <message>
        <source>Speed: Slower</source>
        <translation>السرعة: أبطأ</translation>
    </message>
    <message>
        <source>Speed: Faster</source>
        <translation>السرعة: أسرع</translation>
    </message>
    <message>
        <source>Speed: Normal</source>
        <translation>السرعة: عادية</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>الصوت</translation>
    </message>
    <message>
        <source>Read aloud&apos;s volume and speed</source>
        <translation>مستوى الصوت وسرعة القراءة بصوت عالٍ</translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes to read</source>
        <translation>
            <numerusform>مدة القراءة: نحو %n دقيقة</numerusform>
            <numerusform>مدة القراءة: نحو %n دقيقة</numerusform>
            <numerusform>مدة القراءة: نحو %n دقيقتين</numerusform>
            <numerusform>مدة القراءة: نحو %n دقائق</numerusform>
            <numerusform>مدة القراءة: نحو %n دقيقة</numerusform>
            <numerusform>مدة القراءة: نحو %n دقيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>A letter A and a minus sign: the usual sign for &quot;smaller text&quot;.</extracomment>
        <translation>أ−</translation>
    </message>
    <message>
        <source>A+</source>
        <extracomment>A letter A and a plus sign: the usual sign for &quot;larger text&quot;.</extracomment>
        <translation>أ+</translation>
    </message>
    <message>
        <source>Carry on reading: %1</source>
        <extracomment>%1 is the title of the section the patient was reading (from the article).</extracomment>
        <translation>متابعة القراءة: %1</translation>
    </message>
    <message>
        <source>More parts</source>
        <translation>أجزاء أخرى</translation>
    </message>
    <message>
        <source>Previous parts</source>
        <translation>أجزاء سابقة</translation>
    </message>
    <message>
        <source>More</source>
        <translation>المزيد</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>السابقة</translation>
    </message>
    <message>
        <source>Choose a part</source>
        <translation>اختر جزءًا</translation>
    </message>
    <message>
        <source>Parts</source>
        <extracomment>Keep it short: it sits beside &quot;Tap to start&quot; on a 7-inch screen.</extracomment>
        <translation>الأجزاء</translation>
    </message>
    <message>
        <source>All leaflets</source>
        <translation>كل النشرات</translation>
    </message>
    <message>
        <source>Leaflets</source>
        <extracomment>Keep it short: it shares a row with the language buttons on a 7-inch screen.</extracomment>
        <translation>النشرات</translation>
    </message>
    <message>
        <source>Part %1 of %2</source>
        <extracomment>%1 is the part&apos;s number, %2 how many parts there are.</extracomment>
        <translation>الجزء %1 من %2</translation>
    </message>
    <message>
        <source>Parts %1–%2 of %3</source>
        <extracomment>%1 and %2 are the first and last part shown, %3 how many parts there are.</extracomment>
        <translation>الأجزاء %1–%2 من %3</translation>
    </message>
    <message>
        <source>%1%</source>
        <extracomment>%1 is a whole number from 100 (Standard) to 200; write the percent sign as your language does (&quot;125 %&quot; in French).</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>The clinic is closed.</source>
        <translation>العيادة مغلقة.</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1.</source>
        <extracomment>%1 is a time of day, such as 08:00.</extracomment>
        <translation>العيادة مغلقة. تعمل هذه الشاشة في الساعة %1.</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1 on %2.</source>
        <extracomment>%1 is a time of day, such as 08:00; %2 a day of the week (&quot;Monday&quot;) or, more than a week ahead, a date (&quot;Monday, 5 January 2026&quot;).</extracomment>
        <translation>العيادة مغلقة. تعمل هذه الشاشة يوم %2 في الساعة %1.</translation>
    </message>
    <message>
        <source>Clean the screen</source>
        <translation>تنظيف الشاشة</translation>
    </message>
    <message numerus="yes">
        <source>Cleaning: touches are ignored for %n seconds</source>
        <translation>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثانية</numerusform>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثانية</numerusform>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثانيتين</numerusform>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثوانٍ</numerusform>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثانية</numerusform>
            <numerusform>التنظيف: لا تستجيب الشاشة للمس لمدة %n ثانية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To stop sooner, hold a finger on the number for %n seconds.</source>
        <translation>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثانية.</numerusform>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثانية.</numerusform>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثانيتين.</numerusform>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثوانٍ.</numerusform>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثانية.</numerusform>
            <numerusform>لإنهاء التنظيف قبل ذلك، أبقِ إصبعك على الرقم لمدة %n ثانية.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Readings in the last %n days</source>
        <translation>
            <numerusform>القراءات في آخر %n يوم</numerusform>
            <numerusform>القراءات في آخر %n يوم</numerusform>
            <numerusform>القراءات في آخر %n يومين</numerusform>
            <numerusform>القراءات في آخر %n أيام</numerusform>
            <numerusform>القراءات في آخر %n يومًا</numerusform>
            <numerusform>القراءات في آخر %n يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>No readings counted yet.</source>
        <translation>لم تُحسب أي قراءة بعد.</translation>
    </message>
    <message>
        <source>Readings started</source>
        <translation>القراءات التي بدأت</translation>
    </message>
    <message>
        <source>Readings finished</source>
        <translation>القراءات المكتملة</translation>
    </message>
    <message>
        <source>Started: %1. Finished: %2.</source>
        <extracomment>%1 and %2 are numbers of readings.</extracomment>
        <translation>بدأت: %1. اكتملت: %2.</translation>
    </message>
    <message>
        <source>All other articles</source>
        <translation>جميع المقالات الأخرى</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <extracomment>%1 and %2 are dates, such as &quot;3 March&quot;.</extracomment>
        <translation>من %1 إلى %2</translation>
    </message>
    <message>
        <source>Where readers stop</source>
        <translation>أين يتوقف القراء</translation>
    </message>
    <message>
        <source>How many of the readings started got as far as each part:</source>
        <translation>عدد القراءات التي بدأت ووصلت إلى كل جزء:</translation>
    </message>
    <message>
        <source>Part %1</source>
        <extracomment>%1 is the part&apos;s number in the article.</extracomment>
        <translation>الجزء %1</translation>
    </message>
    <message>
        <source>More readers stop between part %1 and part %2 than anywhere else.</source>
        <extracomment>%1 and %2 are the numbers of two parts that follow each other.</extracomment>
        <translation>يتوقف القراء بين الجزء %1 والجزء %2 أكثر من أي موضع آخر.</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to read this at home</source>
        <translation>امسح الرمز بكاميرا هاتفك لتقرأ هذا في البيت</translation>
    </message>
    <message>
        <source>Choose what to read</source>
        <translation>اختر ما تريد قراءته</translation>
    </message>
    <message>
        <source>Other leaflets</source>
        <translation>نشرات أخرى</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>الصفحة السابقة</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>الصفحة التالية</translation>
    </message>
    <message>
        <source>Previous</source>
        <comment>page</comment>
        <translation>السابقة</translation>
    </message>
    <message>
        <source>Next</source>
        <comment>page</comment>
        <translation>التالية</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <extracomment>%1 is the language chosen, in its own name (&quot;English&quot;, &quot;Español&quot;).</extracomment>
        <translation>اللغة: %1</translation>
    </message>
</context>
</TS>
