<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>QObject</name>
        <message>
            <source>%1 has no run %2</source>
            <translation>%1 enthält keinen Lauf %2</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::DatasetView</name>
        <message>
            <source>Search record id…</source>
            <translation>Aufnahme-ID suchen…</translation>
        </message>
        <message>
            <source>All classes</source>
            <translation>Alle Klassen</translation>
        </message>
        <message>
            <source>Normal (N)</source>
            <translation>Normal (N)</translation>
        </message>
        <message>
            <source>AF (A)</source>
            <translation>VHF (A)</translation>
        </message>
        <message>
            <source>Other (O)</source>
            <translation>Andere (O)</translation>
        </message>
        <message>
            <source>Noisy (~)</source>
            <translation>Verrauscht (~)</translation>
        </message>
        <message>
            <source>Heart rates %v / %m</source>
            <translation>Herzfrequenzen %v / %m</translation>
        </message>
        <message>
            <source>Median heart rate of every record, computed in the background</source>
            <translation>Median-Herzfrequenz jeder Aufnahme, im Hintergrund berechnet</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n Aufnahme</numerusform>
                <numerusform>%n Aufnahmen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  ·  %n skipped</source>
            <translation>
                <numerusform>  ·  %n übersprungen</numerusform>
                <numerusform>  ·  %n übersprungen</numerusform>
            </translation>
        </message>
        <message>
            <source>Show every record again</source>
            <translation>Wieder alle Aufnahmen zeigen</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) selected in the embedding</source>
            <translation>
                <numerusform>%n Aufnahme in der Einbettung ausgewählt</numerusform>
                <numerusform>%n Aufnahmen in der Einbettung ausgewählt</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::DpiRuler</name>
        <message>
            <source>Drag the right end until the ruler measures 100 mm on a real ruler (arrow keys: fine steps)</source>
            <translation>Ziehen Sie das rechte Ende, bis das Lineal an einem echten Lineal 100 mm misst (Pfeiltasten: feine Schritte)</translation>
        </message>
        <message>
            <source>cm</source>
            <translation>cm</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::JobQueue</name>
        <message>
            <source>queued</source>
            <translation>wartend</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>abgeschlossen</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <source>Training and evaluation (%1)</source>
            <translation>Training und Auswertung (%1)</translation>
        </message>
        <message>
            <source>Resume run %1</source>
            <translation>Lauf %1 fortsetzen</translation>
        </message>
        <message>
            <source>Features of %1</source>
            <translation>Merkmale von %1</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Wird abgebrochen…</translation>
        </message>
        <message>
            <source>unknown error</source>
            <translation>unbekannter Fehler</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>Fehlgeschlagen: %1</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::MainWindow</name>
        <message>
            <source>DACL Studio</source>
            <translation>DACL Studio</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Open dataset…</source>
            <translation>Datensatz ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>Open &amp;demo dataset</source>
            <translation>&amp;Demo-Datensatz öffnen</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Einstellungen…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;About DACL Studio</source>
            <translation>Ü&amp;ber DACL Studio</translation>
        </message>
        <message>
            <source>Open dataset folder</source>
            <translation>Datensatz-Ordner öffnen</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>%1 wird geöffnet…</translation>
        </message>
        <message>
            <source>Could not open %1</source>
            <translation>%1 konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Generating the demo dataset…</source>
            <translation>Demo-Datensatz wird erzeugt…</translation>
        </message>
        <message>
            <source>Could not generate the demo dataset</source>
            <translation>Der Demo-Datensatz konnte nicht erzeugt werden</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n record(s)</source>
            <translation>
                <numerusform>%1: %n Aufnahme</numerusform>
                <numerusform>%1: %n Aufnahmen</numerusform>
            </translation>
        </message>
        <message>
            <source>About DACL Studio</source>
            <translation>Über DACL Studio</translation>
        </message>
        <message>
            <source>&lt;h3&gt;DACL Studio %1&lt;/h3&gt;&lt;p&gt;Diffusion-Augmented Contrastive Learning for ECG.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Threads&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Device&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation>&lt;h3&gt;DACL Studio %1&lt;/h3&gt;&lt;p&gt;Diffusionsgestütztes kontrastives Lernen für das EKG.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Threads&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Gerät&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
        </message>
        <message>
            <source>&amp;Export report…</source>
            <translation>Bericht &amp;exportieren…</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>Datensatz</translation>
        </message>
        <message>
            <source>ECG</source>
            <translation>EKG</translation>
        </message>
        <message>
            <source>Scattering</source>
            <translation>Scattering</translation>
        </message>
        <message>
            <source>Latent</source>
            <translation>Latentraum</translation>
        </message>
        <message>
            <source>Diffusion</source>
            <translation>Diffusion</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>Runs</source>
            <translation>Läufe</translation>
        </message>
        <message>
            <source>Embedding</source>
            <translation>Einbettung</translation>
        </message>
        <message>
            <source>ROC</source>
            <translation>ROC</translation>
        </message>
        <message>
            <source>Run %1 has no model to show: %2</source>
            <translation>Lauf %1 hat kein anzeigbares Modell: %2</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::ProblemsPanel</name>
        <message>
            <source>File</source>
            <translation>Datei</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::RecordTableModel</name>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>AF</source>
            <translation>VHF</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Andere</translation>
        </message>
        <message>
            <source>Noisy</source>
            <translation>Verrauscht</translation>
        </message>
        <message>
            <source>(unlabelled)</source>
            <translation>(ohne Label)</translation>
        </message>
        <message>
            <source>Being computed…</source>
            <translation>Wird berechnet…</translation>
        </message>
        <message>
            <source>No heart rate: the record could not be read or has fewer than two beats</source>
            <translation>Keine Herzfrequenz: Die Aufnahme ist nicht lesbar oder hat weniger als zwei Schläge</translation>
        </message>
        <message>
            <source>Median heart rate from core's R-peak detector (60 / median RR)</source>
            <translation>Median-Herzfrequenz aus der R-Zacken-Erkennung (60 / Median des RR-Intervalls)</translation>
        </message>
        <message>
            <source>Probability of the current run's positive class</source>
            <translation>Wahrscheinlichkeit der positiven Klasse im aktuellen Lauf</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Aufnahme</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>Dauer (s)</translation>
        </message>
        <message>
            <source>Rate (Hz)</source>
            <translation>Abtastrate (Hz)</translation>
        </message>
        <message>
            <source>HR (bpm)</source>
            <translation>HF (1/min)</translation>
        </message>
        <message>
            <source>Fold</source>
            <translation>Fold</translation>
        </message>
        <message>
            <source>Prediction</source>
            <translation>Vorhersage</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Daten</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>Berechnung</translation>
        </message>
        <message>
            <source>Display</source>
            <translation>Anzeige</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>Folders in which you keep datasets</source>
            <translation>Ordner, in denen Sie Datensätze aufbewahren</translation>
        </message>
        <message>
            <source>&amp;Add…</source>
            <translation>&amp;Hinzufügen…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Entfernen</translation>
        </message>
        <message>
            <source>Add a data folder</source>
            <translation>Datenordner hinzufügen</translation>
        </message>
        <message>
            <source>Data folders</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <source>C&amp;lear</source>
            <translation>&amp;Leeren</translation>
        </message>
        <message>
            <source>Recent datasets</source>
            <translation>Zuletzt geöffnete Datensätze</translation>
        </message>
        <message>
            <source>The SQLite file in which every run and its results are stored (shared with the dacl command line)</source>
            <translation>Die SQLite-Datei, in der jeder Lauf mit seinen Ergebnissen gespeichert wird (gemeinsam mit der Kommandozeile dacl)</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Durchsuchen…</translation>
        </message>
        <message>
            <source>Results file</source>
            <translation>Ergebnisdatei</translation>
        </message>
        <message>
            <source>Results files (*.sqlite *.db);;All files (*)</source>
            <translation>Ergebnisdateien (*.sqlite *.db);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Compute threads of training and feature jobs</source>
            <translation>Rechen-Threads für Trainings- und Merkmalsaufträge</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>Threads</translation>
        </message>
        <message>
            <source>Automatic (GPU when available)</source>
            <translation>Automatisch (GPU, wenn verfügbar)</translation>
        </message>
        <message>
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <source>GPU (CUDA)</source>
            <translation>GPU (CUDA)</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>Gerät</translation>
        </message>
        <message>
            <source>Applies to jobs started from now on.</source>
            <translation>Gilt für alle ab jetzt gestarteten Aufträge.</translation>
        </message>
        <message>
            <source> px/mm</source>
            <translation> px/mm</translation>
        </message>
        <message>
            <source>Screen pixels per millimetre: the ECG paper is drawn at true size with it</source>
            <translation>Bildschirmpixel pro Millimeter: Damit wird das EKG-Papier in Originalgröße gezeichnet</translation>
        </message>
        <message>
            <source>&amp;Screen's value</source>
            <translation>Wert des &amp;Bildschirms</translation>
        </message>
        <message>
            <source>What the screen reports (often not exact)</source>
            <translation>Was der Bildschirm meldet (oft ungenau)</translation>
        </message>
        <message>
            <source>Dots per mm</source>
            <translation>Pixel pro mm</translation>
        </message>
        <message>
            <source>Calibration: hold a real ruler against the screen and drag the right end of the ruler below until it measures exactly 100 mm.</source>
            <translation>Kalibrierung: Halten Sie ein echtes Lineal an den Bildschirm und ziehen Sie das rechte Ende des Lineals unten, bis es genau 100 mm misst.</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Systemvorgabe</translation>
        </message>
        <message>
            <source>The new language applies when DACL Studio is started again.</source>
            <translation>Die neue Sprache gilt nach dem nächsten Start von DACL Studio.</translation>
        </message>
        <message>
            <source>Automatic (all cores but one)</source>
            <translation>Automatisch (alle Kerne bis auf einen)</translation>
        </message>
    </context>
    <context>
        <name>dacl::ui::TrainingView</name>
        <message>
            <source>VAE training loss</source>
            <translation>VAE-Trainingsverlust</translation>
        </message>
        <message>
            <source>VAE validation reconstruction</source>
            <translation>VAE-Rekonstruktionsfehler (Validierung)</translation>
        </message>
        <message>
            <source>Encoder loss (epoch mean)</source>
            <translation>Encoder-Verlust (Mittel der Epoche)</translation>
        </message>
        <message>
            <source>Encoder loss</source>
            <translation>Encoder-Verlust</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>Lernrate</translation>
        </message>
        <message>
            <source>Denoising autoencoder loss</source>
            <translation>Verlust des Entrauschungs-Autoencoders</translation>
        </message>
        <message>
            <source>Validation AUROC</source>
            <translation>Validierungs-AUROC</translation>
        </message>
        <message>
            <source>Demo run</source>
            <translation>Demo-Lauf</translation>
        </message>
        <message>
            <source>1: one stratified 80/20 split; k: k-fold cross-validation by record</source>
            <translation>1: eine stratifizierte 80/20-Aufteilung; k: k-fache Kreuzvalidierung nach Aufnahmen</translation>
        </message>
        <message>
            <source>Maximal VAE epochs (early stopping may end sooner)</source>
            <translation>Höchstzahl der VAE-Epochen (frühes Stoppen kann eher enden)</translation>
        </message>
        <message>
            <source>Epochs of the contrastive encoder</source>
            <translation>Epochen des kontrastiven Encoders</translation>
        </message>
        <message>
            <source>U-Net channels of the first level (then ×2, ×4)</source>
            <translation>U-Net-Kanäle der ersten Ebene (danach ×2, ×4)</translation>
        </message>
        <message>
            <source>Noisy views use diffusion timesteps t ~ Uniform{1…t_max}</source>
            <translation>Verrauschte Ansichten verwenden Diffusionszeitschritte t ~ Uniform{1…t_max}</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>Aufgabe</translation>
        </message>
        <message>
            <source>Folds</source>
            <translation>Folds</translation>
        </message>
        <message>
            <source>VAE epochs</source>
            <translation>VAE-Epochen</translation>
        </message>
        <message>
            <source>Encoder epochs</source>
            <translation>Encoder-Epochen</translation>
        </message>
        <message>
            <source>Encoder width</source>
            <translation>Encoder-Breite</translation>
        </message>
        <message>
            <source>t_max</source>
            <translation>t_max</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Starten</translation>
        </message>
        <message>
            <source>Queue a training and evaluation run on the current dataset</source>
            <translation>Einen Trainings- und Auswertungslauf auf dem aktuellen Datensatz einreihen</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Abbrechen</translation>
        </message>
        <message>
            <source>Cancel the selected job (or the running one)</source>
            <translation>Den gewählten Auftrag (oder den laufenden) abbrechen</translation>
        </message>
        <message>
            <source>Job</source>
            <translation>Auftrag</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Warteschlange</translation>
        </message>
        <message>
            <source>No run</source>
            <translation>Kein Lauf</translation>
        </message>
        <message>
            <source>Which fold's curves to show</source>
            <translation>Die Kurven welches Folds angezeigt werden</translation>
        </message>
        <message>
            <source>Fold</source>
            <translation>Fold</translation>
        </message>
        <message>
            <source>Epoch</source>
            <translation>Epoche</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>Verlust</translation>
        </message>
        <message>
            <source>AUROC</source>
            <translation>AUROC</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>No job queue: cannot start.</source>
            <translation>Keine Auftragswarteschlange: Start nicht möglich.</translation>
        </message>
        <message>
            <source>Open a dataset first.</source>
            <translation>Öffnen Sie zuerst einen Datensatz.</translation>
        </message>
        <message>
            <source>No results file is set (see Settings).</source>
            <translation>Keine Ergebnisdatei festgelegt (siehe Einstellungen).</translation>
        </message>
        <message numerus="yes">
            <source>%1 on %2 (%n fold(s))</source>
            <translation>
                <numerusform>%1 auf %2 (%n Fold)</numerusform>
                <numerusform>%1 auf %2 (%n Folds)</numerusform>
            </translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Wird gestartet…</translation>
        </message>
        <message>
            <source>Job %1 started: %2</source>
            <translation>Auftrag %1 gestartet: %2</translation>
        </message>
        <message>
            <source>Job %1 writes run %2 of %3</source>
            <translation>Auftrag %1 schreibt Lauf %2 in %3</translation>
        </message>
        <message>
            <source>%1 left</source>
            <translation>noch %1</translation>
        </message>
        <message>
            <source>Job %1 %2</source>
            <translation>Auftrag %1 %2</translation>
        </message>
        <message>
            <source> (run %1)</source>
            <translation> (Lauf %1)</translation>
        </message>
        <message>
            <source>Run %1 of %2</source>
            <translation>Lauf %1 in %2</translation>
        </message>
        <message>
            <source>Run %1: %2</source>
            <translation>Lauf %1: %2</translation>
        </message>
        <message>
            <source>Run %1 “%2”: %3</source>
            <translation>Lauf %1 „%2“: %3</translation>
        </message>
        <message>
            <source>Final model</source>
            <translation>Endmodell</translation>
        </message>
        <message>
            <source>Fold %1</source>
            <translation>Fold %1</translation>
        </message>
        <message>
            <source>GPU (%1)</source>
            <translation>GPU (%1)</translation>
        </message>
        <message>
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message numerus="yes">
            <source>Device: %1, %n thread(s)</source>
            <translation>
                <numerusform>Gerät: %1, %n Thread</numerusform>
                <numerusform>Gerät: %1, %n Threads</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>DACL Studio: explore ECG and its DACL representations</source>
            <translation>DACL Studio: EKG und seine DACL-Repräsentationen erkunden</translation>
        </message>
        <message>
            <source>Dataset folder to open (default: built-in demo dataset).</source>
            <translation>Zu öffnender Datensatz-Ordner (Vorgabe: eingebauter Demo-Datensatz).</translation>
        </message>
        <message>
            <source>Compute threads (0 = all cores; default: the Settings value).</source>
            <translation>Rechen-Threads (0 = alle Kerne; Vorgabe: Wert aus den Einstellungen).</translation>
        </message>
        <message>
            <source>Open the demo dataset, run a short demo job, save one PNG per view into DIR and exit.</source>
            <translation>Öffnet den Demo-Datensatz, führt einen kurzen Demo-Auftrag aus, speichert je Ansicht ein PNG in DIR und beendet sich.</translation>
        </message>
    </context>
</TS>
