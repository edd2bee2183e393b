<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>kiosk</name>
    <message>
        <source>Tap to start</source>
        <translation>Toque para empezar</translation>
    </message>
    <message>
        <source>Or go straight to a part:</source>
        <translation>O elija una parte:</translation>
    </message>
    <message>
        <source>%1.  %2</source>
        <extracomment>%1 is the section&apos;s number, %2 its title (from the article, not translated).</extracomment>
        <translation>%1.  %2</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <extracomment>%1 is the next section&apos;s title (from the article, not translated).</extracomment>
        <translation>Siguiente: %1</translation>
    </message>
    <message>
        <source>Next: The end</source>
        <translation>Siguiente: El final</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño de letra</translation>
    </message>
    <message>
        <source>A</source>
        <extracomment>One letter of the language&apos;s alphabet that looks like a letter at a glance.</extracomment>
        <translation>A</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Letra más pequeña</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Letra más grande</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Leer en voz alta</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Parar la lectura</translation>
    </message>
    <message>
        <source>Part %1 of %2 · Page %3 of %4</source>
        <extracomment>The footer of the reading screen. Pages are counted within the section.</extracomment>
        <translation>Parte %1 de %2 · Página %3 de %4</translation>
    </message>
    <message numerus="yes">
        <source>%n percent read</source>
        <translation>
            <numerusform>%n por ciento leído</numerusform>
            <numerusform>%n por ciento leído</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <extracomment>%1 is the section&apos;s title (from the article, not translated).</extracomment>
        <translation>%1 (continuación)</translation>
    </message>
    <message>
        <source>[Picture: %1]</source>
        <extracomment>%1 is the picture&apos;s description (from the article, not translated).</extracomment>
        <translation>[Imagen: %1]</translation>
    </message>
    <message>
        <source>General information, not medical advice. Please ask your care team.</source>
        <translation>Información general, no consejo médico. Consulte a su equipo.</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>Introducción</translation>
    </message>
    <message>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
    <message>
        <source>Last reviewed</source>
        <translation>Última revisión</translation>
    </message>
    <message>
        <source>Next review due</source>
        <translation>Próxima revisión</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>Revisado por</translation>
    </message>
    <message>
        <source>Sources</source>
        <extracomment>The heading over the list of sources an article&apos;s facts come from.</extracomment>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>This article does not say when it was reviewed or where its information comes from. Please ask your care team about anything in it.</source>
        <translation>Este texto no dice cuándo se revisó ni de dónde viene su información. Pregunte a su equipo de atención sobre cualquier duda.</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <extracomment>The short form of &quot;Part %1 of %2 · Page %3 of %4&quot; on a small panel.
----------
%1 is the page&apos;s number, %2 how many pages there are.</extracomment>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>The page within the section and how many it has, as on a 7&quot; panel: &quot;3 / 8&quot;.</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>You have reached the end</source>
        <translation>Ha llegado al final</translation>
    </message>
    <message>
        <source>Thank you for reading.</source>
        <translation>Gracias por leer.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Volver a empezar</translation>
    </message>
    <message>
        <source>Back to the last page</source>
        <translation>Volver a la última página</translation>
    </message>
    <message>
        <source>Still reading?</source>
        <translation>¿Sigue leyendo?</translation>
    </message>
    <message>
        <source>Tap anywhere to continue</source>
        <translation>Toque la pantalla para seguir</translation>
    </message>
    <message numerus="yes">
        <source>Going back to the start in %n seconds</source>
        <translation>
            <numerusform>Volviendo al inicio en %n segundo</numerusform>
            <numerusform>Volviendo al inicio en %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>This screen is being updated</source>
        <translation>Esta pantalla se está actualizando</translation>
    </message>
    <message>
        <source>Please ask at the desk if you would like information in the meantime.</source>
        <translation>Si necesita información mientras tanto, pregunte en recepción.</translation>
    </message>
    <message>
        <source>Staff access: enter the PIN</source>
        <translation>Acceso del personal: escriba el PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>PIN incorrecto. Queda %n intento.</numerusform>
            <numerusform>PIN incorrecto. Quedan %n intentos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff access is locked</source>
        <translation>El acceso del personal está bloqueado</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1.</source>
        <extracomment>%1 is a time of day, such as 14:05.</extracomment>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo después de las %1.</translation>
    </message>
    <message>
        <source>No staff PIN is set</source>
        <translation>No hay un PIN del personal</translation>
    </message>
    <message>
        <source>Anyone can open the staff screen until a PIN is set. To open it, hold the button below for 3 seconds. To set a PIN, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>Cualquiera puede abrir la pantalla del personal mientras no haya un PIN. Para abrirla, mantenga presionado el botón de abajo durante 3 segundos. Para poner un PIN, ejecute esto en el equipo del quiosco:
%1</translation>
    </message>
    <message>
        <source>Hold to open the staff screen</source>
        <translation>Mantenga presionado para abrir la pantalla del personal</translation>
    </message>
    <message>
        <source>No staff PIN is set: anyone can open this screen. Set one with: %1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>No hay un PIN del personal: cualquiera puede abrir esta pantalla. Ponga uno con: %1</translation>
    </message>
    <message>
        <source>Staff access is not available here.</source>
        <translation>El acceso del personal no está disponible aquí.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Staff access: wrong tries cannot be saved to %1 (%2); the lock still holds until the kiosk restarts.</source>
        <extracomment>%1 is a file&apos;s path; %2 is the system&apos;s reason, such as &quot;No space left on device&quot;.</extracomment>
        <translation>Acceso del personal: los intentos fallidos no se pueden guardar en %1 (%2); el bloqueo sigue activo hasta que el quiosco se reinicie.</translation>
    </message>
    <message>
        <source>The staff PIN cannot be used</source>
        <translation>No se puede usar el PIN del personal</translation>
    </message>
    <message>
        <source>The staff PIN kept in the config file cannot be read or is not safe, so the staff screen stays closed. The log and &apos;kiosk check&apos; say why. To set the PIN again, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>El PIN del personal guardado en el archivo de configuración no se puede leer o no es seguro, así que la pantalla del personal sigue cerrada. El registro y &apos;kiosk check&apos; explican por qué. Para poner el PIN de nuevo, ejecute esto en el equipo del quiosco:
%1</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Reload content</source>
        <translation>Recargar el contenido</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <source>Back to kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Problemas:</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No se encontraron problemas.</translation>
    </message>
    <message>
        <source>To fix when you can (the kiosk still works):</source>
        <translation>Para arreglar cuando pueda (el quiosco sigue funcionando):</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>¿Cerrar el quiosco?</translation>
    </message>
    <message>
        <source>Patients will see the desktop until it starts again.</source>
        <translation>Los pacientes verán el escritorio hasta que el quiosco vuelva a iniciarse.</translation>
    </message>
    <message>
        <source>Yes, close it</source>
        <translation>Sí, cerrarlo</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation>No, volver</translation>
    </message>
    <message>
        <source>Checking the content…</source>
        <translation>Revisando el contenido…</translation>
    </message>
    <message>
        <source>Waiting-room kiosk</source>
        <translation>Quiosco de la sala de espera</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>Más bajo</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>Más alto</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Más lento</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Más rápido</translation>
    </message>
    <message>
        <source>Read aloud more quietly</source>
        <translation>Leer en voz más baja</translation>
    </message>
    <message>
        <source>Read aloud louder</source>
        <translation>Leer en voz más alta</translation>
    </message>
    <message>
        <source>Read aloud more slowly</source>
        <translation>Leer más despacio</translation>
    </message>
    <message>
        <source>Read aloud faster</source>
        <translation>Leer más rápido</translation>
    </message>
    <message>
        <source>Volume: Quiet</source>
        <translation>Volumen: bajo</translation>
    </message>
    <message>
        <source>Volume: Loud</source>
        <translation>Volumen: alto</translation>
    </message>
    <message>
        <source>Volume: Normal</source>
        <translation>Volumen: normal</translation>
    </message>
    <message>
        <source>Speed: Slower</source>
        <translation>Velocidad: lenta</translation>
    </message>
    <message>
        <source>Speed: Faster</source>
        <translation>Velocidad: rápida</translation>
    </message>
    <message>
        <source>Speed: Normal</source>
        <translation>Velocidad: normal</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <source>Read aloud&apos;s volume and speed</source>
        <translation>Volumen y velocidad de la lectura en voz alta</translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes to read</source>
        <translation>
            <numerusform>Se lee en %n minuto más o menos</numerusform>
            <numerusform>Se lee en unos %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>A letter A and a minus sign: the usual sign for &quot;smaller text&quot;.</extracomment>
        <translation>A−</translation>
    </message>
    <message>
        <source>A+</source>
        <extracomment>A letter A and a plus sign: the usual sign for &quot;larger text&quot;.</extracomment>
        <translation>A+</translation>
    </message>
    <message>
        <source>Carry on reading: %1</source>
        <extracomment>%1 is the title of the section the patient was reading (from the article).</extracomment>
        <translation>Seguir leyendo: %1</translation>
    </message>
    <message>
        <source>More parts</source>
        <translation>Más partes</translation>
    </message>
    <message>
        <source>Previous parts</source>
        <translation>Partes anteriores</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anteriores</translation>
    </message>
    <message>
        <source>Choose a part</source>
        <translation>Elegir una parte</translation>
    </message>
    <message>
        <source>Parts</source>
        <extracomment>Keep it short: it sits beside &quot;Tap to start&quot; on a 7-inch screen.</extracomment>
        <translation>Partes</translation>
    </message>
    <message>
        <source>All leaflets</source>
        <translation>Todos los folletos</translation>
    </message>
    <message>
        <source>Leaflets</source>
        <extracomment>Keep it short: it shares a row with the language buttons on a 7-inch screen.</extracomment>
        <translation>Folletos</translation>
    </message>
    <message>
        <source>Part %1 of %2</source>
        <extracomment>%1 is the part&apos;s number, %2 how many parts there are.</extracomment>
        <translation>Parte %1 de %2</translation>
    </message>
    <message>
        <source>Parts %1–%2 of %3</source>
        <extracomment>%1 and %2 are the first and last part shown, %3 how many parts there are.</extracomment>
        <translation>Partes %1–%2 de %3</translation>
    </message>
    <message>
        <source>%1%</source>
        <extracomment>%1 is a whole number from 100 (Standard) to 200; write the percent sign as your language does (&quot;125 %&quot; in French).</extracomment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>The clinic is closed.</source>
        <translation>La clínica está cerrada.</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1.</source>
        <extracomment>%1 is a time of day, such as 08:00.</extracomment>
        <translation>La clínica está cerrada. Esta pantalla se enciende a las %1.</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1 on %2.</source>
        <extracomment>%1 is a time of day, such as 08:00; %2 a day of the week (&quot;Monday&quot;) or, more than a week ahead, a date (&quot;Monday, 5 January 2026&quot;).</extracomment>
        <translation>La clínica está cerrada. Esta pantalla se enciende el %2 a las %1.</translation>
    </message>
    <message>
        <source>Clean the screen</source>
        <translation>Limpiar la pantalla</translation>
    </message>
    <message numerus="yes">
        <source>Cleaning: touches are ignored for %n seconds</source>
        <translation>
            <numerusform>Limpieza: la pantalla no responde al tacto durante %n segundo</numerusform>
            <numerusform>Limpieza: la pantalla no responde al tacto durante %n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To stop sooner, hold a finger on the number for %n seconds.</source>
        <translation>
            <numerusform>Para terminar antes, mantenga un dedo sobre el número durante %n segundo.</numerusform>
            <numerusform>Para terminar antes, mantenga un dedo sobre el número durante %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Readings in the last %n days</source>
        <translation>
            <numerusform>Lecturas en el último %n día</numerusform>
            <numerusform>Lecturas en los últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>No readings counted yet.</source>
        <translation>Todavía no se ha contado ninguna lectura.</translation>
    </message>
    <message>
        <source>Readings started</source>
        <translation>Lecturas empezadas</translation>
    </message>
    <message>
        <source>Readings finished</source>
        <translation>Lecturas terminadas</translation>
    </message>
    <message>
        <source>Started: %1. Finished: %2.</source>
        <extracomment>%1 and %2 are numbers of readings.</extracomment>
        <translation>Empezadas: %1. Terminadas: %2.</translation>
    </message>
    <message>
        <source>All other articles</source>
        <translation>Todos los demás artículos</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <extracomment>%1 and %2 are dates, such as &quot;3 March&quot;.</extracomment>
        <translation>Del %1 al %2</translation>
    </message>
    <message>
        <source>Where readers stop</source>
        <translation>Dónde dejan de leer</translation>
    </message>
    <message>
        <source>How many of the readings started got as far as each part:</source>
        <translation>Cuántas de las lecturas empezadas llegaron hasta cada parte:</translation>
    </message>
    <message>
        <source>Part %1</source>
        <extracomment>%1 is the part&apos;s number in the article.</extracomment>
        <translation>Parte %1</translation>
    </message>
    <message>
        <source>More readers stop between part %1 and part %2 than anywhere else.</source>
        <extracomment>%1 and %2 are the numbers of two parts that follow each other.</extracomment>
        <translation>Donde más lectores dejan de leer es entre la parte %1 y la parte %2.</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to read this at home</source>
        <translation>Escanee con la cámara de su teléfono para leerlo en casa</translation>
    </message>
    <message>
        <source>Choose what to read</source>
        <translation>Elija qué leer</translation>
    </message>
    <message>
        <source>Other leaflets</source>
        <translation>Otros folletos</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <source>Previous</source>
        <comment>page</comment>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <comment>page</comment>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <extracomment>%1 is the language chosen, in its own name (&quot;English&quot;, &quot;Español&quot;).</extracomment>
        <translation>Idioma: %1</translation>
    </message>
</context>
</TS>
