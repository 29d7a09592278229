<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CoreText</name>
    <message>
        <source>cannot open file: it does not exist</source>
        <translation>Datei kann nicht geöffnet werden: Sie existiert nicht</translation>
    </message>
    <message>
        <source>cannot open file: %1</source>
        <translation>Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot read file: %1</source>
        <translation>Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot write file: %1</source>
        <translation>Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot read folder: %1</source>
        <translation>Ordner kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot open for writing</source>
        <translation>kann nicht zum Schreiben geöffnet werden</translation>
    </message>
    <message>
        <source>write failed (disk full?)</source>
        <translation>Schreiben fehlgeschlagen (Datenträger voll?)</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>data folder does not exist</source>
        <translation>Datenordner existiert nicht</translation>
    </message>
    <message>
        <source>dataset folder not found</source>
        <translation>Datensatz-Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>lists no records</source>
        <translation>listet keine Aufnahmen auf</translation>
    </message>
    <message>
        <source>no records: the folder has no RECORDS, REFERENCE.csv or record files (%1)</source>
        <translation>keine Aufnahmen: Der Ordner enthält weder RECORDS noch REFERENCE.csv noch Aufnahmedateien (%1)</translation>
    </message>
    <message>
        <source>record has no signals</source>
        <translation>Aufnahme enthält keine Signale</translation>
    </message>
    <message>
        <source>record has no samples</source>
        <translation>Aufnahme enthält keine Abtastwerte</translation>
    </message>
    <message>
        <source>signal file is missing (named in %1)</source>
        <translation>Signaldatei fehlt (genannt in %1)</translation>
    </message>
    <message>
        <source>header file is missing (record listed in %1 line %2)</source>
        <translation>Header-Datei fehlt (Aufnahme aufgeführt in %1, Zeile %2)</translation>
    </message>
    <message>
        <source>empty header: no record line</source>
        <translation>leerer Header: keine Aufnahmezeile</translation>
    </message>
    <message>
        <source>sampling rate unknown: give it with --fs, a &apos;# fs=&lt;Hz&gt;&apos; line, or a time column</source>
        <translation>Abtastrate unbekannt: Geben Sie sie mit --fs, einer Zeile „# fs=&lt;Hz&gt;“ oder einer Zeitspalte an</translation>
    </message>
    <message>
        <source>not an EDF or BDF file (the version field is neither &apos;0&apos; nor that of BioSemi&apos;s BDF)</source>
        <translation>keine EDF- oder BDF-Datei (das Versionsfeld ist weder „0“ noch das von BioSemis BDF)</translation>
    </message>
    <message>
        <source>file is cut short: %1</source>
        <translation>Datei ist unvollständig: %1</translation>
    </message>
    <message>
        <source>label for record &apos;%1&apos;, which does not exist (%2)</source>
        <translation>Label für Aufnahme „%1“, die nicht existiert (%2)</translation>
    </message>
    <message>
        <source>record &apos;%1&apos; is listed twice</source>
        <translation>Aufnahme „%1“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>ignored: record &apos;%1&apos; is already read from %2</source>
        <translation>ignoriert: Aufnahme „%1“ wurde bereits aus %2 gelesen</translation>
    </message>
    <message>
        <source>cannot open results file: %1</source>
        <translation>Ergebnisdatei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>not a DACL Studio results file (%1)</source>
        <translation>keine Ergebnisdatei von DACL Studio (%1)</translation>
    </message>
    <message>
        <source>no run %1</source>
        <translation>kein Lauf %1</translation>
    </message>
    <message>
        <source>run %1 is running (process %2 on %3); cancel it first</source>
        <translation>Lauf %1 läuft (Prozess %2 auf %3); brechen Sie ihn zuerst ab</translation>
    </message>
    <message>
        <source>no results file is open</source>
        <translation>keine Ergebnisdatei geöffnet</translation>
    </message>
    <message>
        <source>record %1 is not in %2</source>
        <translation>Aufnahme %1 ist nicht in %2</translation>
    </message>
    <message>
        <source>record %1 has no test prediction in run %2</source>
        <translation>Aufnahme %1 hat keine Testvorhersage in Lauf %2</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>opening dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>reading signals</source>
        <translation>Signale lesen</translation>
    </message>
    <message>
        <source>reading results</source>
        <translation>Ergebnisse lesen</translation>
    </message>
    <message>
        <source>features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>VAE epoch %1/%2</source>
        <translation>VAE-Epoche %1/%2</translation>
    </message>
    <message>
        <source>DAE epoch %1/%2</source>
        <translation>DAE-Epoche %1/%2</translation>
    </message>
    <message>
        <source>DACL epoch %1/%2</source>
        <translation>DACL-Epoche %1/%2</translation>
    </message>
    <message>
        <source>nearest neighbours</source>
        <translation>nächste Nachbarn</translation>
    </message>
    <message>
        <source>affinities</source>
        <translation>Affinitäten</translation>
    </message>
    <message>
        <source>bootstrap intervals</source>
        <translation>Bootstrap-Intervalle</translation>
    </message>
    <message>
        <source>loading model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <source>scoring lead %1</source>
        <translation>Ableitung %1 bewerten</translation>
    </message>
    <message>
        <source>scoring</source>
        <translation>bewerten</translation>
    </message>
    <message>
        <source>rhythm</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>skipped %1: %2</source>
        <translation>übersprungen %1: %2</translation>
    </message>
    <message>
        <source>features loaded from cache %1</source>
        <translation>Merkmale aus dem Cache %1 geladen</translation>
    </message>
    <message>
        <source>features: %1</source>
        <translation>Merkmale: %1</translation>
    </message>
    <message>
        <source>training %1 tasks on %2 workers</source>
        <translation>Training von %1 Aufgaben auf %2 Workern</translation>
    </message>
    <message>
        <source>training: %1</source>
        <translation>Training: %1</translation>
    </message>
    <message>
        <source>resuming run %1 (%2)</source>
        <translation>Lauf %1 wird fortgesetzt (%2)</translation>
    </message>
    <message>
        <source>final model: %1</source>
        <translation>finales Modell: %1</translation>
    </message>
    <message>
        <source>fold %1: %2 noisy test sets computed, shared by the fold&apos;s methods</source>
        <translation>Fold %1: %2 verrauschte Testmengen berechnet, von den Methoden des Folds gemeinsam genutzt</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>Datei oder Verzeichnis nicht gefunden</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>Ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>Kein Speicherplatz auf dem Gerät</translation>
    </message>
    <message>
        <source>unable to open database file</source>
        <translation>Datenbankdatei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1 fold %2: %3</source>
        <translation>%1 Fold %2: %3</translation>
    </message>
    <message>
        <source>%1 folds: %2</source>
        <translation>%1 Folds: %2</translation>
    </message>
    <message>
        <source>AUROC %1 (%2)</source>
        <translation>AUROC %1 (%2)</translation>
    </message>
    <message>
        <source>F1 %1 (%2)</source>
        <translation>F1 %1 (%2)</translation>
    </message>
    <message>
        <source>validation AUROC probe %1, fine-tuned %2: scoring with the fine-tuned stage</source>
        <translation>Validierungs-AUROC Probe %1, feinabgestimmt %2: bewertet mit der feinabgestimmten Stufe</translation>
    </message>
    <message>
        <source>validation AUROC probe %1, fine-tuned %2: scoring with the probe stage</source>
        <translation>Validierungs-AUROC Probe %1, feinabgestimmt %2: bewertet mit der Probe-Stufe</translation>
    </message>
    <message>
        <source>validation AUROC probe %1: scoring with the probe stage</source>
        <translation>Validierungs-AUROC Probe %1: bewertet mit der Probe-Stufe</translation>
    </message>
    <message>
        <source>%1 s (RSS %2 GB, peak %3 GB)</source>
        <translation>%1 s (RSS %2 GB, Spitze %3 GB)</translation>
    </message>
    <message>
        <source>RSS %1 GB, peak %2 GB</source>
        <translation>RSS %1 GB, Spitze %2 GB</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>threshold: Youden&apos;s J on the final model&apos;s validation records; sensitivity and specificity: mean over the test records of %1 cross-validation fold(s), each at its fold&apos;s validation threshold</source>
        <translation>Schwelle: Youden-J auf den Validierungsaufnahmen des finalen Modells; Sensitivität und Spezifität: Mittel über die Testaufnahmen von %1 Kreuzvalidierungs-Fold(s), jeweils bei der Validierungsschwelle des Folds</translation>
    </message>
    <message>
        <source>no binary threshold (task %1: the class with the largest probability)</source>
        <translation>keine binäre Schwelle (Aufgabe %1: die Klasse mit der größten Wahrscheinlichkeit)</translation>
    </message>
    <message>
        <source>run %1 as asked</source>
        <translation>Lauf %1 wie angefordert</translation>
    </message>
    <message>
        <source>best finished run of task %1: the highest stored AUROC (%2) among %3 finished run(s) with a final model</source>
        <translation>bester abgeschlossener Lauf der Aufgabe %1: die höchste gespeicherte AUROC (%2) unter %3 abgeschlossenen Läufen mit finalem Modell</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Startzeit</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signale</translation>
    </message>
    <message>
        <source>Sampling rate</source>
        <translation>Abtastrate</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>one lead: its own p</source>
        <translation>eine Ableitung: ihr eigenes p</translation>
    </message>
    <message>
        <source>mean of the leads&apos; p (%1 leads)</source>
        <translation>Mittel der p-Werte der Ableitungen (%1 Ableitungen)</translation>
    </message>
    <message>
        <source>no binary threshold (task %1: the class with the largest probability x its weight, fitted on the final model&apos;s validation records for the mean F1 of N, A and O: N %2, A %3, O %4, ~ %5)</source>
        <translation>keine binäre Schwelle (Aufgabe %1: die Klasse mit der größten Wahrscheinlichkeit mal ihrem Gewicht, angepasst auf den Validierungsaufnahmen des finalen Modells für das mittlere F1 von N, A und O: N %2, A %3, O %4, ~ %5)</translation>
    </message>
</context>
<context>
    <name>PatientReport</name>
    <message>
        <source>ECG assessment: %1</source>
        <translation>EKG-Beurteilung: %1</translation>
    </message>
    <message>
        <source>Report of %1</source>
        <translation>Bericht vom %1</translation>
    </message>
    <message>
        <source>%1 file %2</source>
        <translation>%1-Datei %2</translation>
    </message>
    <message>
        <source>Patient and recording</source>
        <translation>Patient und Aufnahme</translation>
    </message>
    <message numerus="yes">
        <source>… %n more field(s) in the file&apos;s header</source>
        <translation>
            <numerusform>… %n weiteres Feld im Dateikopf</numerusform>
            <numerusform>… %n weitere Felder im Dateikopf</numerusform>
        </translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Atrial fibrillation suspected: the model&apos;s p(AF) is at or above the run&apos;s threshold.</source>
        <translation>Verdacht auf Vorhofflimmern: p(AF) des Modells liegt auf oder über der Schwelle des Laufs.</translation>
    </message>
    <message>
        <source>No atrial fibrillation detected: the model&apos;s p(AF) is below the run&apos;s threshold.</source>
        <translation>Kein Vorhofflimmern erkannt: p(AF) des Modells liegt unter der Schwelle des Laufs.</translation>
    </message>
    <message>
        <source>p(AF) %1 — %2 the run&apos;s threshold %3 (sensitivity %4, specificity %5 in cross-validation)</source>
        <translation>p(AF) %1 — %2 der Schwelle %3 des Laufs (Sensitivität %4, Spezifität %5 in der Kreuzvalidierung)</translation>
    </message>
    <message>
        <source>at or above</source>
        <translation>auf oder über</translation>
    </message>
    <message>
        <source>below</source>
        <translation>unter</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Leads: %1; combined: %2</source>
        <translation>Ableitungen: %1; kombiniert: %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>%1. Most AF-like 10 s: p(AF) %2, %3 – %4, lead %5</source>
        <translation>%1. Die 10 s mit dem stärksten VHF-Bild: p(AF) %2, %3 – %4, Ableitung %5</translation>
    </message>
    <message>
        <source>%1. Least AF-like 10 s: p(AF) %2, %3 – %4, lead %5</source>
        <translation>%1. Die 10 s mit dem schwächsten VHF-Bild: p(AF) %2, %3 – %4, Ableitung %5</translation>
    </message>
    <message>
        <source>25 mm/s, 10 mm/mV, 0.5–40 Hz</source>
        <translation>25 mm/s, 10 mm/mV, 0,5–40 Hz</translation>
    </message>
    <message>
        <source>p(AF) over the whole record (%1, lead %2): green low, red high; boxes 1 and 2 mark the strips</source>
        <translation>p(AF) über die ganze Aufnahme (%1, Ableitung %2): grün niedrig, rot hoch; die Kästen 1 und 2 markieren die Streifen</translation>
    </message>
    <message>
        <source>Run %1 &apos;%2&apos; (task %3, created %4, DACL Studio %5, settings digest %6, cross-validated AUROC %7). Chosen: %8. %9.</source>
        <translation>Lauf %1 „%2“ (Aufgabe %3, erstellt %4, DACL Studio %5, Einstellungs-Digest %6, kreuzvalidierte AUROC %7). Gewählt: %8. %9.</translation>
    </message>
    <message>
        <source>Printed by DACL Studio %1 from %2.</source>
        <translation>Gedruckt von DACL Studio %1 aus %2.</translation>
    </message>
    <message>
        <source>Intended use: research software, not a diagnosis. DACL Studio is not a medical device. p(AF) is a machine-learning estimate from research data; it can be wrong, above all on noisy recordings, other leads or patients unlike the training data. A qualified clinician must read the ECG itself before any decision.</source>
        <translation>Zweckbestimmung: Forschungssoftware, keine Diagnose. DACL Studio ist kein Medizinprodukt. p(AF) ist eine Schätzung eines maschinell gelernten Modells aus Forschungsdaten; sie kann falsch sein, vor allem bei gestörten Aufnahmen, anderen Ableitungen oder Patienten, die den Trainingsdaten nicht gleichen. Vor jeder Entscheidung muss eine qualifizierte Ärztin oder ein qualifizierter Arzt das EKG selbst befunden.</translation>
    </message>
    <message>
        <source>p(AF) %1 (the run has no binary threshold: the class with the largest probability, weighted as the run fitted on validation, decides)</source>
        <translation>p(AF) %1 (der Lauf hat keine binäre Schwelle: die Klasse mit der größten Wahrscheinlichkeit, gewichtet wie auf der Validierung angepasst, entscheidet)</translation>
    </message>
    <message>
        <source>Rhythm (lead %1, %2 beats): heart rate %3 bpm, RMSSD %4 ms, pNN50 %5, sample entropy %6, P-wave coherence %7</source>
        <translation>Rhythmus (Ableitung %1, %2 Schläge): Herzfrequenz %3/min, RMSSD %4 ms, pNN50 %5, Sample-Entropie %6, P-Wellen-Kohärenz %7</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 has no run %2</source>
        <translation>%1 enthält keinen Lauf %2</translation>
    </message>
    <message>
        <source>fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>pooled</source>
        <translation>gepoolt</translation>
    </message>
    <message>
        <source>the size must be positive and the DPI between 10 and 4800</source>
        <translation>die Größe muss positiv sein und die DPI zwischen 10 und 4800 liegen</translation>
    </message>
    <message>
        <source>%1 × %2 pixels is too large</source>
        <translation>%1 × %2 Pixel sind zu groß</translation>
    </message>
    <message>
        <source>cannot write the PNG file</source>
        <translation>die PNG-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>DACL Studio plot</source>
        <translation>Diagramm aus DACL Studio</translation>
    </message>
    <message>
        <source>cannot write the SVG file</source>
        <translation>die SVG-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>cannot write the PDF file</source>
        <translation>die PDF-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>AUPRC (average precision)</source>
        <translation>AUPRC (mittlere Präzision)</translation>
    </message>
    <message>
        <source>Sensitivity (recall)</source>
        <translation>Sensitivität (Recall)</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>Spezifität</translation>
    </message>
    <message>
        <source>Precision (PPV)</source>
        <translation>Präzision (PPW)</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Challenge F1 (mean of N, A, O)</source>
        <translation>Challenge-F1 (Mittel aus N, A, O)</translation>
    </message>
    <message>
        <source>AUROC, normal (N)</source>
        <translation>AUROC, Normal (N)</translation>
    </message>
    <message>
        <source>AUROC, AF (A)</source>
        <translation>AUROC, VHF (A)</translation>
    </message>
    <message>
        <source>AUROC, other (O)</source>
        <translation>AUROC, Andere (O)</translation>
    </message>
    <message>
        <source>F1, normal (N)</source>
        <translation>F1, Normal (N)</translation>
    </message>
    <message>
        <source>F1, AF (A)</source>
        <translation>F1, VHF (A)</translation>
    </message>
    <message>
        <source>F1, other (O)</source>
        <translation>F1, Andere (O)</translation>
    </message>
    <message>
        <source>F1, noisy (~)</source>
        <translation>F1, Verrauscht (~)</translation>
    </message>
    <message>
        <source>Threshold (Youden, validation)</source>
        <translation>Schwelle (Youden, Validierung)</translation>
    </message>
    <message>
        <source>AUROC (mean of N, A, O one-vs-rest)</source>
        <translation>AUROC (Mittel aus N, A, O, jeweils gegen den Rest)</translation>
    </message>
    <message>
        <source>Values of the single test fold (SD n/a).</source>
        <translation>Werte des einzigen Test-Folds (SD entfällt).</translation>
    </message>
    <message>
        <source>Mean and standard deviation over the %1 test folds.</source>
        <translation>Mittelwert und Standardabweichung über die %1 Test-Folds.</translation>
    </message>
    <message>
        <source>95 % intervals: stratified bootstrap (%1 resamples) over all out-of-fold test records; sensitivity, specificity, precision and F1 at each fold&apos;s threshold chosen on its validation records (Youden).</source>
        <translation>95-%-Intervalle: stratifizierter Bootstrap (%1 Wiederholungsstichproben) über alle Out-of-Fold-Testaufnahmen; Sensitivität, Spezifität, Präzision und F1 bei der Schwelle jedes Folds, gewählt auf dessen Validierungsaufnahmen (Youden).</translation>
    </message>
    <message>
        <source>95 % interval of the AUROC: mean of the folds&apos; stratified bootstrap intervals; predicted class = the most probable one.</source>
        <translation>95-%-Intervall der AUROC: Mittel der stratifizierten Bootstrap-Intervalle der Folds; vorhergesagte Klasse = die wahrscheinlichste.</translation>
    </message>
    <message>
        <source>Noise added to the ECG</source>
        <translation>Dem EKG hinzugefügtes Rauschen</translation>
    </message>
    <message>
        <source>SNR</source>
        <translation>SNR</translation>
    </message>
    <message>
        <source>Noise added to the latent z₀ (diffusion step t)</source>
        <translation>Dem latenten Vektor z₀ hinzugefügtes Rauschen (Diffusionsschritt t)</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>rauschfrei</translation>
    </message>
    <message>
        <source>dB</source>
        <translation>dB</translation>
    </message>
    <message>
        <source>This run stored no embeddings.</source>
        <translation>Dieser Lauf hat keine Einbettungen gespeichert.</translation>
    </message>
    <message>
        <source>test records of fold %1</source>
        <translation>Testaufnahmen aus Fold %1</translation>
    </message>
    <message>
        <source>records</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>t-SNE (perplexity %1, %2 iterations, KL divergence %3) of the encoder embeddings of %4 %5.</source>
        <translation>t-SNE (Perplexität %1, %2 Iterationen, KL-Divergenz %3) der Encoder-Einbettungen von %4 %5.</translation>
    </message>
    <message>
        <source>First two principal components of the encoder embeddings of %1 %2.</source>
        <translation>Die ersten beiden Hauptkomponenten der Encoder-Einbettungen von %1 %2.</translation>
    </message>
    <message>
        <source>Too few embeddings for a 2-D map.</source>
        <translation>Zu wenige Einbettungen für eine 2-D-Karte.</translation>
    </message>
    <message>
        <source>The record&apos;s unit is &apos;%1&apos;; it is drawn as if it were mV.</source>
        <translation>Die Einheit der Aufnahme ist „%1“; sie wird dargestellt, als wäre sie mV.</translation>
    </message>
    <message>
        <source>The run does not say which dataset folder it used; pass the folder to show the ECG strip.</source>
        <translation>Der Lauf gibt nicht an, welchen Datensatz-Ordner er verwendet hat; geben Sie den Ordner an, um den EKG-Streifen anzuzeigen.</translation>
    </message>
    <message>
        <source>Dataset folder %1 is not available on this computer.</source>
        <translation>Datensatz-Ordner %1 ist auf diesem Computer nicht verfügbar.</translation>
    </message>
    <message>
        <source>Note: the data in %1 have changed since the run (fingerprint %2, run %3).</source>
        <translation>Hinweis: Die Daten in %1 haben sich seit dem Lauf geändert (Fingerabdruck %2, Lauf %3).</translation>
    </message>
    <message>
        <source>Dataset folder %1 could not be opened: %2</source>
        <translation>Datensatz-Ordner %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>No positive test record to show.</source>
        <translation>Keine positive Testaufnahme zum Anzeigen.</translation>
    </message>
    <message>
        <source>ECG strip of record %1 not shown: the dataset is not available.</source>
        <translation>EKG-Streifen der Aufnahme %1 nicht angezeigt: Der Datensatz ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>ECG strip not shown: %1</source>
        <translation>EKG-Streifen nicht angezeigt: %1</translation>
    </message>
    <message>
        <source>non-AF (N, O, ~)</source>
        <translation>Nicht-VHF (N, O, ~)</translation>
    </message>
    <message>
        <source>AF (A)</source>
        <translation>VHF (A)</translation>
    </message>
    <message>
        <source>normal (N)</source>
        <translation>Normal (N)</translation>
    </message>
    <message>
        <source>abnormal (A, O, ~)</source>
        <translation>Abnormal (A, O, ~)</translation>
    </message>
    <message>
        <source>other (O)</source>
        <translation>Andere (O)</translation>
    </message>
    <message>
        <source>noisy (~)</source>
        <translation>Verrauscht (~)</translation>
    </message>
    <message>
        <source>negative (0)</source>
        <translation>Negativ (0)</translation>
    </message>
    <message>
        <source>positive (1)</source>
        <translation>Positiv (1)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>All folds</source>
        <translation>Alle Folds</translation>
    </message>
    <message>
        <source>False positive rate (1 − specificity)</source>
        <translation>Falsch-positiv-Rate (1 − Spezifität)</translation>
    </message>
    <message>
        <source>True positive rate (sensitivity)</source>
        <translation>Richtig-positiv-Rate (Sensitivität)</translation>
    </message>
    <message>
        <source>ROC (AUROC [95 % CI])</source>
        <translation>ROC (AUROC [95-%-KI])</translation>
    </message>
    <message>
        <source>AP %1</source>
        <translation>AP %1</translation>
    </message>
    <message>
        <source>Recall (sensitivity)</source>
        <translation>Recall (Sensitivität)</translation>
    </message>
    <message>
        <source>Precision–recall (AP)</source>
        <translation>Präzision–Recall (AP)</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>misclassified (n = %1)</source>
        <translation>falsch klassifiziert (n = %1)</translation>
    </message>
    <message>
        <source> dimension 1</source>
        <translation> Dimension 1</translation>
    </message>
    <message>
        <source> dimension 2</source>
        <translation> Dimension 2</translation>
    </message>
    <message>
        <source>Embeddings of test records (%1), by true class</source>
        <translation>Einbettungen der Testaufnahmen (%1), nach wahrer Klasse</translation>
    </message>
    <message>
        <source>VAE training loss</source>
        <translation>VAE-Trainingsverlust</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>VAE validation reconstruction error</source>
        <translation>VAE-Rekonstruktionsfehler (Validierung)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>VAE β (KL weight)</source>
        <translation>VAE-β (KL-Gewicht)</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>Contrastive loss of the encoder</source>
        <translation>Kontrastiver Verlust des Encoders</translation>
    </message>
    <message>
        <source>Contrastive loss per step</source>
        <translation>Kontrastiver Verlust pro Schritt</translation>
    </message>
    <message>
        <source>Encoder learning rate</source>
        <translation>Lernrate des Encoders</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Alle Aufnahmen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
    <message>
        <source>challenge F1 %1</source>
        <translation>Challenge-F1 %1</translation>
    </message>
    <message>
        <source>AUROC %1</source>
        <translation>AUROC %1</translation>
    </message>
    <message>
        <source> (95 % CI %1)</source>
        <translation> (95-%-KI %1)</translation>
    </message>
    <message>
        <source>AUPRC %1</source>
        <translation>AUPRC %1</translation>
    </message>
    <message>
        <source>sensitivity %1 and specificity %2 at the threshold chosen on validation records</source>
        <translation>Sensitivität %1 und Spezifität %2 bei der auf Validierungsaufnahmen gewählten Schwelle</translation>
    </message>
    <message>
        <source>This run has no final metrics yet (status: %1).</source>
        <translation>Für diesen Lauf gibt es noch keine endgültigen Metriken (Status: %1).</translation>
    </message>
    <message>
        <source>one test fold</source>
        <translation>ein Test-Fold</translation>
    </message>
    <message>
        <source>mean over %1 test folds</source>
        <translation>Mittel über %1 Test-Folds</translation>
    </message>
    <message>
        <source>Detection of %1</source>
        <translation>Erkennung von %1</translation>
    </message>
    <message>
        <source>Classification into N, A, O and ~</source>
        <translation>Klassifikation in N, A, O und ~</translation>
    </message>
    <message>
        <source>%1: %2; %3 covering %4 records.</source>
        <translation>%1: %2; %3, insgesamt %4 Aufnahmen.</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(unbenannt)</translation>
    </message>
    <message>
        <source>DACL run report: %1</source>
        <translation>DACL-Laufbericht: %1</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
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
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Software version</source>
        <translation>Softwareversion</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Data fingerprint</source>
        <translation>Daten-Fingerabdruck</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>%1, 1 thread</source>
        <translation>%1, 1 Thread</translation>
    </message>
    <message>
        <source>%1, %2 threads</source>
        <translation>%1, %2 Threads</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>No final metrics are stored for this run.</source>
        <translation>Für diesen Lauf sind keine endgültigen Metriken gespeichert.</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>SD over folds</source>
        <translation>SD über Folds</translation>
    </message>
    <message>
        <source>95 % CI</source>
        <translation>95-%-KI</translation>
    </message>
    <message>
        <source>ROC and precision–recall curves</source>
        <translation>ROC- und Präzision-Recall-Kurven</translation>
    </message>
    <message>
        <source>AF (A) vs the other classes</source>
        <translation>VHF (A) gegen die übrigen Klassen</translation>
    </message>
    <message>
        <source>ROC for %1: test records of each fold (dashed) and of all folds (solid); grey: chance.</source>
        <translation>ROC für %1: Testaufnahmen jedes Folds (gestrichelt) und aller Folds (durchgezogen); grau: Zufall.</translation>
    </message>
    <message>
        <source>ROC for %1 on the test records; grey: chance.</source>
        <translation>ROC für %1 auf den Testaufnahmen; grau: Zufall.</translation>
    </message>
    <message>
        <source>Precision–recall; grey: prevalence of %1, the precision of a random classifier.</source>
        <translation>Präzision–Recall; grau: Prävalenz von %1, die Präzision eines Zufallsklassifikators.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source> — %1 labelled records (%2).</source>
        <translation> — %1 Aufnahmen mit Label (%2).</translation>
    </message>
    <message>
        <source>Class (task label)</source>
        <translation>Klasse (Aufgabenlabel)</translation>
    </message>
    <message>
        <source>Test records</source>
        <translation>Testaufnahmen</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>All out-of-fold test records</source>
        <translation>Alle Out-of-Fold-Testaufnahmen</translation>
    </message>
    <message>
        <source>ECG of a test record</source>
        <translation>EKG einer Testaufnahme</translation>
    </message>
    <message>
        <source>; predicted %1</source>
        <translation>; Vorhersage: %1</translation>
    </message>
    <message>
        <source>Record %1, true class %2: model probability of %3 %4%5%6.</source>
        <translation>Aufnahme %1, wahre Klasse %2: Modellwahrscheinlichkeit für %3 %4%5%6.</translation>
    </message>
    <message>
        <source> (test record of fold %1)</source>
        <translation> (Testaufnahme aus Fold %1)</translation>
    </message>
    <message>
        <source>First %1 s of the %2 s record, lead %3, at 25 mm/s and 10 mm/mV on a 1 mm / 5 mm grid; the pulse at the start of each row is 1 mV.</source>
        <translation>Die ersten %1 s der %2 s langen Aufnahme, Ableitung %3, mit 25 mm/s und 10 mm/mV auf einem Raster von 1 mm / 5 mm; der Eichimpuls am Anfang jeder Zeile beträgt 1 mV.</translation>
    </message>
    <message>
        <source>ECG strip of record %1</source>
        <translation>EKG-Streifen der Aufnahme %1</translation>
    </message>
    <message>
        <source>Embedding map</source>
        <translation>Einbettungskarte</translation>
    </message>
    <message>
        <source> Crosses: misclassified.</source>
        <translation> Kreuze: falsch klassifiziert.</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <source>Per-epoch values during the training of each fold&apos;s models, one colour per fold.</source>
        <translation>Werte pro Epoche während des Trainings der Modelle jedes Folds, eine Farbe pro Fold.</translation>
    </message>
    <message>
        <source>Per-fold results</source>
        <translation>Ergebnisse pro Fold</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>Fold</translation>
    </message>
    <message>
        <source>AUROC [95 % CI]</source>
        <translation>AUROC [95-%-KI]</translation>
    </message>
    <message>
        <source>AUPRC</source>
        <translation>AUPRC</translation>
    </message>
    <message>
        <source>Sens.</source>
        <translation>Sens.</translation>
    </message>
    <message>
        <source>Spec.</source>
        <translation>Spez.</translation>
    </message>
    <message>
        <source>Prec.</source>
        <translation>Präz.</translation>
    </message>
    <message>
        <source>Acc.</source>
        <translation>Gen.</translation>
    </message>
    <message>
        <source>Thr.</source>
        <translation>Schw.</translation>
    </message>
    <message>
        <source>Chall. F1</source>
        <translation>Chall.-F1</translation>
    </message>
    <message>
        <source>Baselines (same folds)</source>
        <translation>Referenzverfahren (gleiche Folds)</translation>
    </message>
    <message>
        <source>Challenge F1</source>
        <translation>Challenge-F1</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Robustness</source>
        <translation>Robustheit</translation>
    </message>
    <message>
        <source>%1 on the test records after corruption, mean over folds.</source>
        <translation>%1 auf den Testaufnahmen nach Störung, Mittel über Folds.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Bold: changed from the default. The run stores all settings, its seed and the data fingerprint, so that it can be reproduced.</source>
        <translation>Fett: gegenüber der Vorgabe geändert. Der Lauf speichert alle Einstellungen, seinen Seed und den Daten-Fingerabdruck, damit er reproduziert werden kann.</translation>
    </message>
    <message>
        <source>DACL Studio · run %1 · %2</source>
        <translation>DACL Studio · Lauf %1 · %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>DACL run report: run %1</source>
        <translation>DACL-Laufbericht: Lauf %1</translation>
    </message>
    <message>
        <source>Validation AUROC</source>
        <translation>Validierungs-AUROC</translation>
    </message>
    <message>
        <source>Fine-tuning loss</source>
        <translation>Verlust der Feinabstimmung</translation>
    </message>
    <message>
        <source>Fine-tuning learning rate</source>
        <translation>Lernrate der Feinabstimmung</translation>
    </message>
    <message>
        <source>Fine-tuning validation AUROC</source>
        <translation>Validierungs-AUROC der Feinabstimmung</translation>
    </message>
    <message>
        <source>Denoising autoencoder loss</source>
        <translation>Verlust des Entrausch-Autoencoders</translation>
    </message>
    <message>
        <source>%1 (final model)</source>
        <translation>%1 (finales Modell)</translation>
    </message>
    <message>
        <source>DACL run report: %1 on %2</source>
        <translation>DACL-Laufbericht: %1 auf %2</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 · %4 · report generated %5 by DACL Studio %6</source>
        <translation>Lauf %1 · %2 · %3 · %4 · Bericht erstellt am %5 mit DACL Studio %6</translation>
    </message>
    <message>
        <source>dataset not recorded</source>
        <translation>Datensatz nicht gespeichert</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Datensatz-Ordner</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 Aufnahmen</translation>
    </message>
    <message>
        <source>%1 (%2, %3 used)</source>
        <translation>%1 (%2, %3 verwendet)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Note: %1 is not the dataset the run learned from (%2); class counts and the ECG strip come from it (fingerprint %3, run %4).</source>
        <translation>Hinweis: %1 ist nicht der Datensatz, aus dem der Lauf gelernt hat (%2); Klassenzahlen und EKG-Streifen stammen aus ihm (Fingerabdruck %3, Lauf %4).</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
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
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
</context>
<context>
    <name>dacl::ui::AssessmentPanel</name>
    <message>
        <source>Lead:</source>
        <translation>Ableitung:</translation>
    </message>
    <message>
        <source>The lead to assess; every ECG lead gives a combined answer</source>
        <translation>Die zu beurteilende Ableitung; alle EKG-Ableitungen ergeben eine kombinierte Antwort</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Ableitungen</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Ableitung</translation>
    </message>
    <message>
        <source>Rate (Hz)</source>
        <translation>Rate (Hz)</translation>
    </message>
    <message>
        <source>p(AF)</source>
        <translation>p(AF)</translation>
    </message>
    <message>
        <source>Signal quality</source>
        <translation>Signalqualität</translation>
    </message>
    <message>
        <source>Rhythm</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <source>RR intervals over time; click a point to show its beats in the ECG view</source>
        <translation>RR-Intervalle über die Zeit; ein Klick auf einen Punkt zeigt seine Schläge in der EKG-Ansicht</translation>
    </message>
    <message>
        <source>Patient report…</source>
        <translation>Patientenbericht…</translation>
    </message>
    <message>
        <source>A one-page PDF of this assessment</source>
        <translation>Ein einseitiges PDF dieser Beurteilung</translation>
    </message>
    <message>
        <source>Open a recording (File → Open recording…) to assess it.</source>
        <translation>Öffnen Sie eine Aufnahme (Datei → Aufnahme öffnen…), um sie zu beurteilen.</translation>
    </message>
    <message>
        <source>Assessing: %1</source>
        <translation>Beurteilung: %1</translation>
    </message>
    <message>
        <source>Assessing %1…</source>
        <translation>Beurteile %1…</translation>
    </message>
    <message>
        <source>Assessing…</source>
        <translation>Beurteilung läuft…</translation>
    </message>
    <message>
        <source>Assessment cancelled.</source>
        <translation>Beurteilung abgebrochen.</translation>
    </message>
    <message>
        <source>Could not assess %1: %2</source>
        <translation>%1 konnte nicht beurteilt werden: %2</translation>
    </message>
    <message>
        <source>Every ECG lead</source>
        <translation>Alle EKG-Ableitungen</translation>
    </message>
    <message>
        <source>Save patient report</source>
        <translation>Patientenbericht speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the patient report %1…</source>
        <translation>Schreibe den Patientenbericht %1…</translation>
    </message>
    <message>
        <source>Could not write the patient report: %1</source>
        <translation>Der Patientenbericht konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Patient report written to %1</source>
        <translation>Patientenbericht geschrieben: %1</translation>
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
    <message>
        <source>No recording assessed</source>
        <translation>Keine Aufnahme beurteilt</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</translation>
    </message>
    <message>
        <source>&lt;i&gt;The file&apos;s header gives no patient or recording fields.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Der Dateikopf enthält keine Patienten- oder Aufnahmefelder.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>p(AF) %1</source>
        <translation>p(AF) %1</translation>
    </message>
    <message>
        <source>No probability: no lead could be scored</source>
        <translation>Keine Wahrscheinlichkeit: keine Ableitung konnte bewertet werden</translation>
    </message>
    <message>
        <source>The run has no validation threshold to compare with</source>
        <translation>Der Lauf hat keine Validierungsschwelle zum Vergleich</translation>
    </message>
    <message>
        <source>Suggests AF: p(AF) %1 is at or above the run&apos;s threshold %2</source>
        <translation>Spricht für VHF: p(AF) %1 liegt auf oder über der Schwelle %2 des Laufs</translation>
    </message>
    <message>
        <source>Does not suggest AF: p(AF) %1 is below the run&apos;s threshold %2</source>
        <translation>Spricht nicht für VHF: p(AF) %1 liegt unter der Schwelle %2 des Laufs</translation>
    </message>
    <message>
        <source>the current run</source>
        <translation>der aktuelle Lauf</translation>
    </message>
    <message>
        <source>the best finished run of task %1</source>
        <translation>der beste abgeschlossene Lauf der Aufgabe %1</translation>
    </message>
    <message>
        <source>Run %1 “%2” (task %3, %4), AUROC %5: %6</source>
        <translation>Lauf %1 „%2“ (Aufgabe %3, %4), AUROC %5: %6</translation>
    </message>
    <message>
        <source>Combined: p(AF) %1 (%2)</source>
        <translation>Kombiniert: p(AF) %1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>Threshold %1 · sensitivity %2 · specificity %3</source>
        <translation>Schwelle %1 · Sensitivität %2 · Spezifität %3</translation>
    </message>
    <message>
        <source>Heart rate &lt;b&gt;%1 bpm&lt;/b&gt; · %2 beats (lead %3)&lt;br&gt;RMSSD %4 ms · pNN50 %5 % · sample entropy %6&lt;br&gt;P-wave coherence %7 (1: a P wave before each beat, 0: none)</source>
        <translation>Herzfrequenz &lt;b&gt;%1/min&lt;/b&gt; · %2 Schläge (Ableitung %3)&lt;br&gt;RMSSD %4 ms · pNN50 %5 % · Sample-Entropie %6&lt;br&gt;P-Wellen-Kohärenz %7 (1: P-Welle vor jedem Schlag, 0: keine)</translation>
    </message>
</context>
<context>
    <name>dacl::ui::ContextBar</name>
    <message>
        <source>DACL Studio</source>
        <translation>DACL Studio</translation>
    </message>
    <message>
        <source>DACL Studio — %1</source>
        <translation>DACL Studio — %1</translation>
    </message>
    <message numerus="yes">
        <source>Dataset: %1 · %Ln record(s)</source>
        <translation>
            <numerusform>Datensatz: %1 · %Ln Aufnahme</numerusform>
            <numerusform>Datensatz: %1 · %Ln Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>Aufnahme %1</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>Kein Lauf ausgewählt</translation>
    </message>
    <message>
        <source>Select a run in the Runs tab, or train one in the Training tab</source>
        <translation>Wählen Sie einen Lauf im Tab „Läufe“ oder trainieren Sie einen im Tab „Training“</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Run %1 “%2”</source>
        <translation>Lauf %1 „%2“</translation>
    </message>
    <message>
        <source>dataset not recorded</source>
        <translation>Datensatz nicht gespeichert</translation>
    </message>
    <message>
        <source>trained on %1</source>
        <translation>trainiert auf %1</translation>
    </message>
    <message>
        <source>⚠ The run learned from %1, not from the open dataset</source>
        <translation>⚠ Der Lauf hat aus %1 gelernt, nicht aus dem geöffneten Datensatz</translation>
    </message>
    <message>
        <source>Records of the open dataset that the run never saw are scored by its final model; its out-of-fold results belong to %1.</source>
        <translation>Aufnahmen des geöffneten Datensatzes, die der Lauf nie gesehen hat, werden von seinem finalen Modell bewertet; seine Out-of-Fold-Ergebnisse gehören zu %1.</translation>
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
    <name>dacl::ui::DiffusionView</name>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Rauschplan</translation>
    </message>
    <message>
        <source>Timestep t</source>
        <translation>Zeitschritt t</translation>
    </message>
    <message>
        <source>Small multiples at t =</source>
        <translation>Mehrfachansichten bei t =</translation>
    </message>
    <message>
        <source>No run selected: choose a finished run (Runs view) or finish a training job.</source>
        <translation>Kein Lauf ausgewählt: Wählen Sie einen abgeschlossenen Lauf (Ansicht Läufe) oder schließen Sie einen Trainingsauftrag ab.</translation>
    </message>
    <message>
        <source>Noise schedule of the forward diffusion (the model was trained with the one marked &quot;model&quot;)</source>
        <translation>Rauschplan der Vorwärtsdiffusion (das Modell wurde mit dem als „Modell“ markierten trainiert)</translation>
    </message>
    <message>
        <source>Diffusion timestep: 0 is the clean latent z0, T is (almost) pure noise</source>
        <translation>Diffusionszeitschritt: 0 ist der rauschfreie latente Vektor z0, T ist (nahezu) reines Rauschen</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Animate t from the slider&apos;s position to T</source>
        <translation>t von der Position des Schiebereglers bis T animieren</translation>
    </message>
    <message>
        <source>Comma-separated timesteps of the small multiples (at most %1)</source>
        <translation>Kommagetrennte Zeitschritte der Mehrfachansichten (höchstens %1)</translation>
    </message>
    <message>
        <source>Latent of the window: z0 and z_t</source>
        <translation>Latenter Vektor des Fensters: z0 und z_t</translation>
    </message>
    <message>
        <source>Latent dimension</source>
        <translation>Latente Dimension</translation>
    </message>
    <message>
        <source>z (standardised latent units)</source>
        <translation>z (standardisierte latente Einheiten)</translation>
    </message>
    <message>
        <source>z0 (clean: VAE μ)</source>
        <translation>z0 (rauschfrei: VAE-μ)</translation>
    </message>
    <message>
        <source>Encoder drift: h(z_t, t) against h(z0, 0)</source>
        <translation>Encoder-Drift: h(z_t, t) gegenüber h(z0, 0)</translation>
    </message>
    <message>
        <source>VAE decoding back to pooled Scattering-Transformer features</source>
        <translation>VAE-Dekodierung zurück zu gepoolten Scattering-Transformer-Merkmalen</translation>
    </message>
    <message>
        <source>Feature index (scattering path; first half: mean over tokens, second half: std over tokens)</source>
        <translation>Merkmalsindex (Scattering-Pfad; erste Hälfte: Mittelwert über Tokens, zweite Hälfte: Std.-Abw. über Tokens)</translation>
    </message>
    <message>
        <source>Feature value</source>
        <translation>Merkmalswert</translation>
    </message>
    <message>
        <source>f (the window&apos;s feature)</source>
        <translation>f (das Merkmal des Fensters)</translation>
    </message>
    <message>
        <source>decode(z0)</source>
        <translation>decode(z0)</translation>
    </message>
    <message>
        <source>mean over tokens</source>
        <translation>Mittelwert über Tokens</translation>
    </message>
    <message>
        <source>std over tokens</source>
        <translation>Std.-Abw. über Tokens</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>%1 (model)</source>
        <translation>%1 (Modell)</translation>
    </message>
    <message>
        <source>No record selected.</source>
        <translation>Keine Aufnahme ausgewählt.</translation>
    </message>
    <message>
        <source>Diffusing window %1 of %2 over t = 0…%3…</source>
        <translation>Fenster %1 von %2 wird über t = 0…%3 diffundiert…</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>the record</source>
        <translation>die Aufnahme</translation>
    </message>
    <message>
        <source>Run %1 · record %2%3 · window %4 of %5 (%6–%7 s) · d = %8 · T = %9 · the encoder was trained on views with t ≤ %10 (%11 schedule)</source>
        <translation>Lauf %1 · Aufnahme %2%3 · Fenster %4 von %5 (%6–%7 s) · d = %8 · T = %9 · der Encoder wurde auf Ansichten mit t ≤ %10 trainiert (Rauschplan: %11)</translation>
    </message>
    <message>
        <source> (label %1)</source>
        <translation> (Label %1)</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <source>t = %1 · noise std %2</source>
        <translation>t = %1 · Rausch-σ %2</translation>
    </message>
    <message>
        <source>%1 (%2 dB)</source>
        <translation>%1 (%2 dB)</translation>
    </message>
    <message>
        <source>∞ (clean)</source>
        <translation>∞ (rauschfrei)</translation>
    </message>
    <message>
        <source>t = %1 of %2 (%3 schedule) · noise std √(1−ᾱ_t) = %4 · signal scale √ᾱ_t = %5 · SNR ᾱ_t/(1−ᾱ_t) = %6</source>
        <translation>t = %1 von %2 (Rauschplan: %3) · Std.-Abw. des Rauschens √(1−ᾱ_t) = %4 · Signalskalierung √ᾱ_t = %5 · SNR ᾱ_t/(1−ᾱ_t) = %6</translation>
    </message>
    <message>
        <source>z_t at t = %1</source>
        <translation>z_t bei t = %1</translation>
    </message>
    <message>
        <source>decode(z_t) at t = %1</source>
        <translation>decode(z_t) bei t = %1</translation>
    </message>
    <message>
        <source> · encoder drift ‖Δh‖ = %1, cosine %2</source>
        <translation> · Encoder-Drift ‖Δh‖ = %1, Kosinus %2</translation>
    </message>
    <message>
        <source> · encoder drift ‖Δh‖ = %1</source>
        <translation> · Encoder-Drift ‖Δh‖ = %1</translation>
    </message>
    <message>
        <source>Run %1 · record %2%3 · span %4 of %5 (%6–%7 s, %8 frames) · d = %9 · T = %10 · the encoder was trained on views with t ≤ %11 (%12 schedule)</source>
        <translation>Lauf %1 · Aufnahme %2%3 · Abschnitt %4 von %5 (%6–%7 s, %8 Frames) · d = %9 · T = %10 · der Encoder wurde auf Ansichten mit t ≤ %11 trainiert (Rauschplan: %12)</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>z0 and its noisy views z_t of the current window appear here.</source>
        <translation>z0 und seine verrauschten Ansichten z_t des aktuellen Fensters erscheinen hier.</translation>
    </message>
    <message>
        <source>The VAE&apos;s decoding of z0 and z_t appears here.</source>
        <translation>Die VAE-Dekodierung von z0 und z_t erscheint hier.</translation>
    </message>
    <message>
        <source>How far the encoder&apos;s embedding drifts with t appears here.</source>
        <translation>Wie weit die Einbettung des Encoders mit t driftet, erscheint hier.</translation>
    </message>
    <message>
        <source>z_t at chosen timesteps appears here.</source>
        <translation>z_t zu gewählten Zeitschritten erscheint hier.</translation>
    </message>
    <message>
        <source>training views</source>
        <translation>Trainingsansichten</translation>
    </message>
    <message>
        <source>‖Δh‖</source>
        <translation>‖Δh‖</translation>
    </message>
    <message>
        <source>cosine (right)</source>
        <translation>Kosinus (rechts)</translation>
    </message>
    <message>
        <source>trained on t ≤ %1</source>
        <translation>trainiert auf t ≤ %1</translation>
    </message>
    <message>
        <source>‖Δh‖ = ‖h(z_t, t) − h(z0, 0)‖ (left axis): how far the encoder&apos;s output for the noised latent vector z_t lies from its output for the noise-free z0.
cosine (right axis): cosine similarity of the two outputs.</source>
        <translation>‖Δh‖ = ‖h(z_t, t) − h(z0, 0)‖ (linke Achse): wie weit die Ausgabe des Encoders für den verrauschten latenten Vektor z_t von seiner Ausgabe für den rauschfreien z0 entfernt ist.
Kosinus (rechte Achse): Kosinus-Ähnlichkeit der beiden Ausgaben.</translation>
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
    <name>dacl::ui::EcgOverview</name>
    <message>
        <source>The whole record: click or drag to show that part on the strip</source>
        <translation>Die ganze Aufnahme: Klicken oder ziehen Sie, um diesen Teil auf dem Streifen anzuzeigen</translation>
    </message>
    <message>
        <source>Whole record (h:min:s)</source>
        <translation>Ganze Aufnahme (h:min:s)</translation>
    </message>
    <message>
        <source>Whole record (s)</source>
        <translation>Ganze Aufnahme (s)</translation>
    </message>
    <message>
        <source>HR %1–%2 bpm</source>
        <translation>HF %1–%2/min</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>The whole record appears here as a timeline: click it to move the strip.</source>
        <translation>Hier erscheint die ganze Aufnahme als Zeitleiste: Ein Klick verschiebt den Streifen.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::EcgView</name>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>AF</source>
        <translation>VHF</translation>
    </message>
    <message>
        <source>Other rhythm</source>
        <translation>Anderer Rhythmus</translation>
    </message>
    <message>
        <source>Noisy</source>
        <translation>Verrauscht</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Ableitung</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole record (F)</source>
        <translation>Ganze Aufnahme anzeigen (F)</translation>
    </message>
    <message>
        <source>No record selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <source>%1 mm/s</source>
        <translation>%1 mm/s</translation>
    </message>
    <message>
        <source>Paper speed</source>
        <translation>Papiervorschub</translation>
    </message>
    <message>
        <source>%1 mm/mV</source>
        <translation>%1 mm/mV</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>Filtered (0.5–40 Hz)</source>
        <translation>Gefiltert (0.5–40 Hz)</translation>
    </message>
    <message>
        <source>Show the zero-phase band-passed signal that the method uses</source>
        <translation>Das nullphasig bandpassgefilterte Signal anzeigen, das die Methode verwendet</translation>
    </message>
    <message>
        <source>Drag the two cursors on the strip to measure an interval</source>
        <translation>Ziehen Sie die beiden Cursor auf dem Streifen, um ein Intervall zu messen</translation>
    </message>
    <message>
        <source>Δt 0000 ms   ΔmV +00.00   000.0 bpm</source>
        <translation>Δt 0000 ms   ΔmV +00.00   000.0/min</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>mV</source>
        <translation>mV</translation>
    </message>
    <message>
        <source>C1</source>
        <translation>C1</translation>
    </message>
    <message>
        <source>C2</source>
        <translation>C2</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Could not show this record</source>
        <translation>Diese Aufnahme konnte nicht angezeigt werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Window %1 (overlaps %2)</source>
        <translation>Fenster %1 (überlappt %2)</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>Fenster %1</translation>
    </message>
    <message numerus="yes">
        <source>%n R peak(s)</source>
        <translation>
            <numerusform>%n R-Zacke</numerusform>
            <numerusform>%n R-Zacken</numerusform>
        </translation>
    </message>
    <message>
        <source>median HR %1 bpm</source>
        <translation>Median-HF %1/min</translation>
    </message>
    <message numerus="yes">
        <source>%n window(s) of %1 s</source>
        <translation>
            <numerusform>%n Fenster zu %1 s</numerusform>
            <numerusform>%n Fenster zu %1 s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 mm/s (zoomed)</source>
        <translation>%1 mm/s (gezoomt)</translation>
    </message>
    <message>
        <source>Δt %1 ms   ΔmV %2   %3 bpm</source>
        <translation>Δt %1 ms   ΔmV %2   %3/min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 h %2 min %3 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Page: strip width</source>
        <translation>Seite: Streifenbreite</translation>
    </message>
    <message>
        <source>Page: %1 s</source>
        <translation>Seite: %1 s</translation>
    </message>
    <message>
        <source>How much of the record one page shows</source>
        <translation>Wie viel der Aufnahme eine Seite zeigt</translation>
    </message>
    <message>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Vorige Seite (Bild auf)</translation>
    </message>
    <message>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Nächste Seite (Bild ab)</translation>
    </message>
    <message>
        <source>annotations not shown: %1</source>
        <translation>Annotationen nicht gezeigt: %1</translation>
    </message>
    <message>
        <source>%1 at %2 Hz</source>
        <translation>%1 bei %2 Hz</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Ableitung</numerusform>
            <numerusform>%n Ableitungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n Annotation</numerusform>
            <numerusform>%n Annotationen</numerusform>
        </translation>
    </message>
    <message>
        <source>Δt %1 ms   ΔmV %2</source>
        <translation>Δt %1 ms   ΔmV %2</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Time (h:min:s)</source>
        <translation>Zeit (h:min:s)</translation>
    </message>
    <message>
        <source>The ECG of the selected record appears here on ECG paper: every lead, its R peaks and windows.</source>
        <translation>Hier erscheint das EKG der gewählten Aufnahme auf EKG-Papier: jede Ableitung, ihre R-Zacken und Fenster.</translation>
    </message>
    <message>
        <source>Could not show this record: the reason is above.</source>
        <translation>Diese Aufnahme kann nicht angezeigt werden: Der Grund steht oben.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::EmbeddingView</name>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Map of the embeddings: t-SNE (neighbourhoods) or PCA (linear projection)</source>
        <translation>Karte der Einbettungen: t-SNE (Nachbarschaften) oder PCA (lineare Projektion)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Correctness</source>
        <translation>Korrektheit</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>Fold</translation>
    </message>
    <message>
        <source>Timestep</source>
        <translation>Zeitschritt</translation>
    </message>
    <message>
        <source>t-SNE perplexity: the effective number of neighbours of each point</source>
        <translation>t-SNE-Perplexität: die effektive Anzahl der Nachbarn jedes Punkts</translation>
    </message>
    <message>
        <source>Nearest neighbours (in the original embedding space) ringed when a point is clicked</source>
        <translation>Nächste Nachbarn (im ursprünglichen Einbettungsraum), die beim Anklicken eines Punkts eingekreist werden</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Zoom to all points and follow the layout while it runs</source>
        <translation>Auf alle Punkte zoomen und dem Layout folgen, solange es berechnet wird</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <source>Perplexity:</source>
        <translation>Perplexität:</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>Iterationen:</translation>
    </message>
    <message>
        <source>Neighbours:</source>
        <translation>Nachbarn:</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message>
        <source>Export layout as CSV…</source>
        <translation>Layout als CSV exportieren…</translation>
    </message>
    <message>
        <source>Loading embeddings of run %1…</source>
        <translation>Einbettungen von Lauf %1 werden geladen…</translation>
    </message>
    <message>
        <source>run %1 has no record embeddings</source>
        <translation>Lauf %1 hat keine Aufnahme-Einbettungen</translation>
    </message>
    <message>
        <source>PC 1</source>
        <translation>PC 1</translation>
    </message>
    <message>
        <source>PC 2</source>
        <translation>PC 2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <source>No embeddings</source>
        <translation>Keine Einbettungen</translation>
    </message>
    <message>
        <source>t-SNE: neighbours and affinities…</source>
        <translation>t-SNE: Nachbarn und Affinitäten…</translation>
    </message>
    <message>
        <source>t-SNE: iteration %1 / %2</source>
        <translation>t-SNE: Iteration %1 / %2</translation>
    </message>
    <message>
        <source>t-SNE paused at iteration %1</source>
        <translation>t-SNE bei Iteration %1 angehalten</translation>
    </message>
    <message>
        <source>t-SNE: %1 iterations</source>
        <translation>t-SNE: %1 Iterationen</translation>
    </message>
    <message>
        <source>t = 0 (clean)</source>
        <translation>t = 0 (rauschfrei)</translation>
    </message>
    <message>
        <source>t = %1 (noisy view)</source>
        <translation>t = %1 (verrauschte Ansicht)</translation>
    </message>
    <message>
        <source>Show or hide the embeddings of noisy views z_t over the clean ones</source>
        <translation>Einbettungen der verrauschten Ansichten z_t über den rauschfreien ein- oder ausblenden</translation>
    </message>
    <message>
        <source>These embeddings hold one view only (t = %1): no noisy views to overlay</source>
        <translation>Diese Einbettungen enthalten nur eine Ansicht (t = %1): keine verrauschten Ansichten zum Überlagern</translation>
    </message>
    <message>
        <source>PCA: PC 1 %1 %, PC 2 %2 % of the variance</source>
        <translation>PCA: PC 1 %1 %, PC 2 %2 % der Varianz</translation>
    </message>
    <message>
        <source>PCA: no variance</source>
        <translation>PCA: keine Varianz</translation>
    </message>
    <message>
        <source>Map failed: %1</source>
        <translation>Kartenberechnung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation>keine Vorhersage</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>Vorhersage %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>no fold</source>
        <translation>kein Fold</translation>
    </message>
    <message>
        <source>fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>Record: %1</source>
        <translation>Aufnahme: %1</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Label: %1</translation>
    </message>
    <message>
        <source>P(%1) = %2</source>
        <translation>P(%1) = %2</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <source>Predicted: %1</source>
        <translation>Vorhersage: %1</translation>
    </message>
    <message>
        <source>Fold: %1</source>
        <translation>Fold: %1</translation>
    </message>
    <message>
        <source>Diffusion step t = %1</source>
        <translation>Diffusionsschritt t = %1</translation>
    </message>
    <message>
        <source>%1 nearest neighbours of %2 (in the %3-dimensional embedding) ringed</source>
        <translation>%1 nächste Nachbarn von %2 (in der %3-dimensionalen Einbettung) eingekreist</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>Clear neighbours</source>
        <translation>Nachbarmarkierung entfernen</translation>
    </message>
    <message>
        <source>no layout to export</source>
        <translation>kein Layout zum Exportieren</translation>
    </message>
    <message>
        <source>Export layout</source>
        <translation>Layout exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Each fold trains its own encoder, so only the embeddings of one fold share a space: map one fold at a time</source>
        <translation>Jeder Fold trainiert seinen eigenen Encoder, daher teilen nur die Einbettungen eines Folds einen Raum: jeweils einen Fold abbilden</translation>
    </message>
    <message>
        <source>fold %1 of %2</source>
        <translation>Fold %1 von %2</translation>
    </message>
    <message>
        <source>all %1 folds (separate encoders)</source>
        <translation>alle %1 Folds (getrennte Encoder)</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>All folds (separate encoders)</source>
        <translation>Alle Folds (getrennte Encoder)</translation>
    </message>
    <message>
        <source>The map of a run&apos;s embeddings, one point per record, appears here.
Train a model (Training tab) or select a run in the Runs tab.</source>
        <translation>Die Karte der Einbettungen eines Laufs, ein Punkt je Aufnahme, erscheint hier.
Trainieren Sie ein Modell (Reiter „Training“) oder wählen Sie einen Lauf im Reiter „Läufe“.</translation>
    </message>
    <message>
        <source>Find record…</source>
        <translation>Aufnahme suchen…</translation>
    </message>
    <message>
        <source>Type a record name and press Enter: its points are ringed and the map centred on them</source>
        <translation>Namen einer Aufnahme eingeben und Enter drücken: ihre Punkte werden umringt und die Karte auf sie zentriert</translation>
    </message>
    <message numerus="yes">
        <source>%n selected record(s)</source>
        <translation>
            <numerusform>%n ausgewählte Aufnahme</numerusform>
            <numerusform>%n ausgewählte Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <source>No mapped record matches “%1”</source>
        <translation>Keine Aufnahme der Karte passt zu „%1“</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) ringed</source>
        <translation>
            <numerusform>%1: %n Punkt umringt</numerusform>
            <numerusform>%1: %n Punkte umringt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is mapped, but there is no layout yet: run the map</source>
        <translation>%1 ist auf der Karte, aber es gibt noch kein Layout: Karte berechnen</translation>
    </message>
    <message>
        <source>Lasso (free-form outline)</source>
        <translation>Lasso (freie Umrisslinie)</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Select: draw a free-form outline around records (Shift adds to the selection; otherwise dragging pans). The arrow chooses lasso or rectangle.</source>
        <translation>Auswählen: eine freie Umrisslinie um Aufnahmen ziehen (Umschalt fügt zur Auswahl hinzu; sonst verschiebt Ziehen die Karte). Der Pfeil wählt Lasso oder Rechteck.</translation>
    </message>
    <message>
        <source>Select: drag a rectangle around records (Shift adds to the selection; otherwise dragging pans). The arrow chooses lasso or rectangle.</source>
        <translation>Auswählen: ein Rechteck um Aufnahmen ziehen (Umschalt fügt zur Auswahl hinzu; sonst verschiebt Ziehen die Karte). Der Pfeil wählt Lasso oder Rechteck.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>t-SNE perplexity and iterations, and how many neighbours a click rings</source>
        <translation>t-SNE-Perplexität und -Iterationen und wie viele Nachbarn ein Klick markiert</translation>
    </message>
</context>
<context>
    <name>dacl::ui::EmptyPlot</name>
    <message>
        <source>Train a model (Training tab) or select a finished run in the Runs tab.</source>
        <translation>Trainieren Sie ein Modell (Reiter „Training“) oder wählen Sie einen abgeschlossenen Lauf im Reiter „Läufe“.</translation>
    </message>
    <message>
        <source>Select a record in the Dataset tab.</source>
        <translation>Wählen Sie eine Aufnahme im Reiter „Datensatz“.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::ExportReportDialog</name>
    <message>
        <source>Export report of run %1</source>
        <translation>Bericht von Lauf %1 exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Also write an HTML copy (self-contained)</source>
        <translation>Zusätzlich eine HTML-Kopie schreiben (eigenständig)</translation>
    </message>
    <message>
        <source>default: the positive test record with the highest probability</source>
        <translation>Vorgabe: die positive Testaufnahme mit der höchsten Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>default: the folder the run was trained on</source>
        <translation>Vorgabe: der Ordner, auf dem der Lauf trainiert wurde</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>PDF file:</source>
        <translation>PDF-Datei:</translation>
    </message>
    <message>
        <source>ECG record:</source>
        <translation>EKG-Aufnahme:</translation>
    </message>
    <message>
        <source>Dataset folder:</source>
        <translation>Datensatz-Ordner:</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Geschrieben: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>Der Bericht wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Bericht wird vorbereitet…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Looking for the run&apos;s dataset…</source>
        <translation>Suche den Datensatz des Laufs…</translation>
    </message>
    <message>
        <source>The run&apos;s dataset is not known: %1</source>
        <translation>Der Datensatz des Laufs ist nicht bekannt: %1</translation>
    </message>
    <message>
        <source>The dataset the run was trained on.</source>
        <translation>Der Datensatz, auf dem der Lauf trainiert wurde.</translation>
    </message>
    <message>
        <source>The run&apos;s dataset %1 is not on this computer: the open dataset is used instead (a record that is not in it is shown without its ECG strip).</source>
        <translation>Der Datensatz %1 des Laufs ist nicht auf diesem Computer: Stattdessen wird der geöffnete Datensatz verwendet (eine Aufnahme, die dort fehlt, erscheint ohne EKG-Streifen).</translation>
    </message>
    <message>
        <source>The run&apos;s dataset %1 is not on this computer: the report has no ECG strip unless you choose a folder.</source>
        <translation>Der Datensatz %1 des Laufs ist nicht auf diesem Computer: Der Bericht hat keinen EKG-Streifen, sofern Sie keinen Ordner wählen.</translation>
    </message>
    <message>
        <source>The run does not say which dataset it used: choose a folder for the ECG strip.</source>
        <translation>Der Lauf gibt nicht an, welchen Datensatz er verwendet hat: Wählen Sie einen Ordner für den EKG-Streifen.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::HeatmapGradient</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
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
    <name>dacl::ui::LatentTimeline</name>
    <message>
        <source>ECG (mV)</source>
        <translation>EKG (mV)</translation>
    </message>
    <message>
        <source>z0 dimension</source>
        <translation>z0-Dimension</translation>
    </message>
    <message>
        <source>Recon. MSE</source>
        <translation>Rekonstr.-MSE</translation>
    </message>
    <message>
        <source>Time in record (s)</source>
        <translation>Zeit in der Aufnahme (s)</translation>
    </message>
    <message>
        <source>VAE latent z0 of every frame, under the record&apos;s ECG (same time axis)</source>
        <translation>VAE-Latent z0 je Frame, unter dem EKG (gleiche Zeitachse)</translation>
    </message>
    <message>
        <source>z0 (standardised)</source>
        <translation>z0 (standardisiert)</translation>
    </message>
    <message>
        <source>t = %1 s · dimension %2
z0 = %3</source>
        <translation>t = %1 s · Dimension %2
z0 = %3</translation>
    </message>
</context>
<context>
    <name>dacl::ui::LatentView</name>
    <message>
        <source>N (normal)</source>
        <translation>N (normal)</translation>
    </message>
    <message>
        <source>A (atrial fibrillation)</source>
        <translation>A (Vorhofflimmern)</translation>
    </message>
    <message>
        <source>O (other rhythm)</source>
        <translation>O (anderer Rhythmus)</translation>
    </message>
    <message>
        <source>~ (noisy)</source>
        <translation>~ (verrauscht)</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>Projecting the dataset: %1 of %2 records…</source>
        <translation>Datensatz wird projiziert: %1 von %2 Aufnahmen…</translation>
    </message>
    <message>
        <source>No run selected: choose a finished run (Runs view) or finish a training job.</source>
        <translation>Kein Lauf ausgewählt: Wählen Sie einen abgeschlossenen Lauf (Ansicht „Läufe“) oder schließen Sie einen Trainingsauftrag ab.</translation>
    </message>
    <message>
        <source>VAE latent of the window: μ ± σ per dimension</source>
        <translation>VAE-Latentvektor des Fensters: μ ± σ je Dimension</translation>
    </message>
    <message>
        <source>Latent dimension</source>
        <translation>Latente Dimension</translation>
    </message>
    <message>
        <source>z (standardised latent units)</source>
        <translation>z (standardisierte latente Einheiten)</translation>
    </message>
    <message>
        <source>μ, current window</source>
        <translation>μ, aktuelles Fenster</translation>
    </message>
    <message>
        <source>± σ of q(z | f)</source>
        <translation>± σ von q(z | f)</translation>
    </message>
    <message>
        <source>Reconstruction error of each window</source>
        <translation>Rekonstruktionsfehler jedes Fensters</translation>
    </message>
    <message>
        <source>Window centre in record (s)</source>
        <translation>Fenstermitte in der Aufnahme (s)</translation>
    </message>
    <message>
        <source>MSE of decode(μ) (feature units²)</source>
        <translation>MSE von decode(μ) (Merkmalseinheiten²)</translation>
    </message>
    <message>
        <source>windows</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>current window</source>
        <translation>aktuelles Fenster</translation>
    </message>
    <message>
        <source>Records of the dataset: PCA of the mean latent μ</source>
        <translation>Datensatz: PCA des mittleren Latentvektors μ</translation>
    </message>
    <message>
        <source>current record</source>
        <translation>aktuelle Aufnahme</translation>
    </message>
    <message>
        <source>No record selected.</source>
        <translation>Keine Aufnahme ausgewählt.</translation>
    </message>
    <message>
        <source>Encoding %1…</source>
        <translation>%1 wird kodiert…</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>the record</source>
        <translation>Die Aufnahme</translation>
    </message>
    <message>
        <source>No projection: %1</source>
        <translation>Keine Projektion: %1</translation>
    </message>
    <message>
        <source>%1 records projected, %2 unreadable</source>
        <translation>%1 Aufnahmen projiziert, %2 nicht lesbar</translation>
    </message>
    <message>
        <source>%1 records projected</source>
        <translation>%1 Aufnahmen projiziert</translation>
    </message>
    <message>
        <source>other windows of the record</source>
        <translation>andere Fenster der Aufnahme</translation>
    </message>
    <message>
        <source>VAE latent of window %1 of %2 (%3–%4 s): μ ± σ per dimension</source>
        <translation>VAE-Latentvektor von Fenster %1 von %2 (%3–%4 s): μ ± σ je Dimension</translation>
    </message>
    <message>
        <source>median of the dataset&apos;s records: %1</source>
        <translation>Median der Aufnahmen des Datensatzes: %1</translation>
    </message>
    <message>
        <source>PC1 (%1 % of variance)</source>
        <translation>PC1 (%1 % der Varianz)</translation>
    </message>
    <message>
        <source>PC2 (%1 % of variance)</source>
        <translation>PC2 (%1 % der Varianz)</translation>
    </message>
    <message>
        <source>PC1</source>
        <translation>PC1</translation>
    </message>
    <message>
        <source>PC2</source>
        <translation>PC2</translation>
    </message>
    <message>
        <source>Run %1 (%2) · record %3%4 · window %5 of %6 · ‖μ‖ = %7 · mean σ = %8 · reconstruction MSE = %9</source>
        <translation>Lauf %1 (%2) · Aufnahme %3%4 · Fenster %5 von %6 · ‖μ‖ = %7 · mittleres σ = %8 · Rekonstruktions-MSE = %9</translation>
    </message>
    <message>
        <source> (label %1)</source>
        <translation> (Label %1)</translation>
    </message>
    <message>
        <source>%1%2
score p(%3) = %4
PC1 %5, PC2 %6
click to open</source>
        <translation>%1%2
Score p(%3) = %4
PC1 %5, PC2 %6
Klicken zum Öffnen</translation>
    </message>
    <message>
        <source> · label %1</source>
        <translation> · Label %1</translation>
    </message>
    <message>
        <source>Run %1 (%2, frame sequence) · record %3%4 · %5 frames of %6 s · d = %7 · span %8 of %9 · mean reconstruction MSE = %10</source>
        <translation>Lauf %1 (%2, Frame-Sequenz) · Aufnahme %3%4 · %5 Frames zu %6 s · d = %7 · Abschnitt %8 von %9 · mittlerer Rekonstruktions-MSE = %10</translation>
    </message>
    <message>
        <source>The VAE latent of the current window appears here.</source>
        <translation>Der VAE-Latentraum des aktuellen Fensters erscheint hier.</translation>
    </message>
    <message>
        <source>How well the VAE reconstructs each window appears here.</source>
        <translation>Wie gut der VAE jedes Fenster rekonstruiert, erscheint hier.</translation>
    </message>
    <message>
        <source>Projecting the dataset…</source>
        <translation>Datensatz wird projiziert…</translation>
    </message>
    <message>
        <source>Every record of the dataset as a point appears here.
Open a dataset.</source>
        <translation>Jede Aufnahme des Datensatzes erscheint hier als Punkt.
Öffnen Sie einen Datensatz.</translation>
    </message>
    <message>
        <source>Every record of the dataset as a point appears here.</source>
        <translation>Jede Aufnahme des Datensatzes erscheint hier als Punkt.</translation>
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
        <translation>Bericht e&amp;xportieren…</translation>
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
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Open &amp;recording…</source>
        <translation>&amp;Aufnahme öffnen…</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>Aufnahme öffnen</translation>
    </message>
    <message>
        <source>ECG recordings (*.edf *.EDF *.bdf *.BDF *.hea *.mat *.csv *.tsv);;All files (*)</source>
        <translation>EKG-Aufnahmen (*.edf *.EDF *.bdf *.BDF *.hea *.mat *.csv *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Beurteilung</translation>
    </message>
    <message>
        <source>The last dataset %1 could not be opened; the demo dataset is open instead.</source>
        <translation>Der zuletzt geöffnete Datensatz %1 ließ sich nicht öffnen; stattdessen ist der Demo-Datensatz geöffnet.</translation>
    </message>
    <message>
        <source>The last dataset %1 is gone; the demo dataset is open instead.</source>
        <translation>Der zuletzt geöffnete Datensatz %1 ist nicht mehr da; stattdessen ist der Demo-Datensatz geöffnet.</translation>
    </message>
    <message>
        <source>Record %1 is no longer in the dataset.</source>
        <translation>Die Aufnahme %1 ist nicht mehr im Datensatz.</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the results file.</source>
        <translation>Der Lauf %1 ist nicht mehr in der Ergebnisdatei.</translation>
    </message>
    <message>
        <source>Record %1 cannot be shown: no dataset is open.</source>
        <translation>Aufnahme %1 kann nicht angezeigt werden: kein Datensatz ist geöffnet.</translation>
    </message>
    <message>
        <source>Record %1 is not in the open dataset (%2).</source>
        <translation>Aufnahme %1 ist nicht im geöffneten Datensatz (%2).</translation>
    </message>
    <message>
        <source>Run %1 used this dataset, but its table does not show the record (skipped when the dataset was opened, or filtered out).</source>
        <translation>Lauf %1 verwendete diesen Datensatz, aber seine Tabelle zeigt die Aufnahme nicht (beim Öffnen übersprungen oder herausgefiltert).</translation>
    </message>
    <message>
        <source>Run %1 used %2.</source>
        <translation>Lauf %1 verwendete %2.</translation>
    </message>
    <message>
        <source>Open the run&apos;s dataset</source>
        <translation>Datensatz des Laufs öffnen</translation>
    </message>
    <message>
        <source>Run %1 used %2, which is not on this computer.</source>
        <translation>Lauf %1 verwendete %2; dieser Ordner ist auf diesem Computer nicht vorhanden.</translation>
    </message>
    <message>
        <source>Run %1 does not say which dataset it used.</source>
        <translation>Lauf %1 gibt nicht an, welchen Datensatz er verwendete.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::OverallProgress</name>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Opening the dataset</source>
        <translation>Datensatz wird geöffnet</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>final model</source>
        <translation>finales Modell</translation>
    </message>
    <message>
        <source>fold %1 of %2</source>
        <translation>Fold %1 von %2</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Training · %1</source>
        <translation>Training · %1</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>Endgültige Metriken</translation>
    </message>
</context>
<context>
    <name>dacl::ui::PlotExportDialog</name>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>SVG vector graphics</source>
        <translation>SVG-Vektorgrafik</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source>px</source>
        <translation>px</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Images (*.png *.svg *.pdf)</source>
        <translation>Bilder (*.png *.svg *.pdf)</translation>
    </message>
    <message>
        <source>The plot could not be exported:
%1</source>
        <translation>Das Diagramm konnte nicht exportiert werden:
%1</translation>
    </message>
</context>
<context>
    <name>dacl::ui::ProbabilityBand</name>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Scoring the record with run %1…</source>
        <translation>Bewerte die Aufnahme mit Lauf %1…</translation>
    </message>
    <message>
        <source>The Assessment is scoring this recording…</source>
        <translation>Die Beurteilung bewertet diese Aufnahme…</translation>
    </message>
    <message>
        <source>No probability over time: %1</source>
        <translation>Keine Wahrscheinlichkeit über die Zeit: %1</translation>
    </message>
    <message>
        <source>p(%1) over time, %2-s spans · record score %3</source>
        <translation>p(%1) über die Zeit, %2-s-Abschnitte · Score der Aufnahme %3</translation>
    </message>
    <message>
        <source> (fused with RR and P-wave features)</source>
        <translation> (mit RR- und P-Wellen-Merkmalen)</translation>
    </message>
    <message>
        <source> (with the RR-interval booster)</source>
        <translation> (mit dem RR-Intervall-Booster)</translation>
    </message>
    <message>
        <source> · threshold %1 (dashed)</source>
        <translation> · Schwelle %1 (gestrichelt)</translation>
    </message>
    <message numerus="yes">
        <source>t = %1 s · p(%2) = %3 (%n span(s))</source>
        <translation>
            <numerusform>t = %1 s · p(%2) = %3 (%n Abschnitt)</numerusform>
            <numerusform>t = %1 s · p(%2) = %3 (%n Abschnitte)</numerusform>
        </translation>
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
    <name>dacl::ui::RecordListPanel</name>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Write these records with their label, prediction and probability as CSV</source>
        <translation>Diese Aufnahmen mit Label, Vorhersage und Wahrscheinlichkeit als CSV schreiben</translation>
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
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Double-click a record to show its ECG</source>
        <translation>Doppelklick auf eine Aufnahme zeigt ihr EKG</translation>
    </message>
    <message>
        <source>No records</source>
        <translation>Keine Aufnahmen</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>Aufnahmen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
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
        <source>Median heart rate from core&apos;s R-peak detector (60 / median RR)</source>
        <translation>Median-Herzfrequenz aus der R-Zacken-Erkennung (60 / Median des RR-Intervalls)</translation>
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
    <message>
        <source>non-AF</source>
        <translation>kein VHF</translation>
    </message>
    <message>
        <source>Abnormal</source>
        <translation>Auffällig</translation>
    </message>
    <message>
        <source>%1 · %2 %3</source>
        <translation>%1 · %2 %3</translation>
    </message>
    <message>
        <source>p(%1) = %2</source>
        <translation>p(%1) = %2</translation>
    </message>
    <message>
        <source>, threshold %1</source>
        <translation>, Schwelle %1</translation>
    </message>
    <message>
        <source>Tested in fold %1.</source>
        <translation>Getestet in Fold %1.</translation>
    </message>
    <message>
        <source>%1; the run stored no predicted class. %2</source>
        <translation>%1; der Lauf hat keine vorhergesagte Klasse gespeichert. %2</translation>
    </message>
    <message>
        <source>✓ Correct: predicted %1 (%2), labelled %3. %4</source>
        <translation>✓ Richtig: vorhergesagt %1 (%2), Label %3. %4</translation>
    </message>
    <message>
        <source>✗ Wrong: predicted %1 (%2), labelled %3. %4</source>
        <translation>✗ Falsch: vorhergesagt %1 (%2), Label %3. %4</translation>
    </message>
    <message>
        <source>The current run&apos;s predicted class and probability of its positive class; ✓ correct, ✗ wrong (out-of-fold test predictions only)</source>
        <translation>Vorhergesagte Klasse des aktuellen Laufs und Wahrscheinlichkeit seiner positiven Klasse; ✓ richtig, ✗ falsch (nur Out-of-Fold-Testvorhersagen)</translation>
    </message>
    <message>
        <source>The current run&apos;s test fold of the record</source>
        <translation>Test-Fold der Aufnahme im aktuellen Lauf</translation>
    </message>
</context>
<context>
    <name>dacl::ui::ReportJob</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation>%1 wird geschrieben</translation>
    </message>
</context>
<context>
    <name>dacl::ui::RocView</name>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>False positive rate (1 − specificity)</source>
        <translation>Falsch-positiv-Rate (1 − Spezifität)</translation>
    </message>
    <message>
        <source>True positive rate (sensitivity)</source>
        <translation>Richtig-positiv-Rate (Sensitivität)</translation>
    </message>
    <message>
        <source>Recall (sensitivity)</source>
        <translation>Recall (Sensitivität)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Predicted positive</source>
        <translation>Vorhergesagt positiv</translation>
    </message>
    <message>
        <source>Predicted negative</source>
        <translation>Vorhergesagt negativ</translation>
    </message>
    <message>
        <source>Actual positive</source>
        <translation>Tatsächlich positiv</translation>
    </message>
    <message>
        <source>Actual negative</source>
        <translation>Tatsächlich negativ</translation>
    </message>
    <message>
        <source>Operating point of:</source>
        <translation>Arbeitspunkt von:</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Schwellenwert:</translation>
    </message>
    <message>
        <source>Loading curves…</source>
        <translation>Kurven werden geladen…</translation>
    </message>
    <message>
        <source>Cannot show curves: %1</source>
        <translation>Kurven können nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>AP %1</source>
        <translation>AP %1</translation>
    </message>
    <message>
        <source>Run %1 · %2 (%3)</source>
        <translation>Lauf %1 · %2 (%3)</translation>
    </message>
    <message>
        <source>, AP %1, %2 records</source>
        <translation>, AP %1, %2 Aufnahmen</translation>
    </message>
    <message>
        <source> (stored ROC points only)</source>
        <translation> (nur gespeicherte ROC-Punkte)</translation>
    </message>
    <message>
        <source>Select runs to see their ROC curves</source>
        <translation>Wählen Sie Läufe aus, um deren ROC-Kurven zu sehen</translation>
    </message>
    <message>
        <source>The selected runs have no test predictions yet</source>
        <translation>Die ausgewählten Läufe haben noch keine Testvorhersagen</translation>
    </message>
    <message>
        <source>No operating point: choose a curve with test predictions.</source>
        <translation>Kein Arbeitspunkt: Wählen Sie eine Kurve mit Testvorhersagen.</translation>
    </message>
    <message>
        <source>TP %1</source>
        <translation>TP %1</translation>
    </message>
    <message>
        <source>FN %1</source>
        <translation>FN %1</translation>
    </message>
    <message>
        <source>FP %1</source>
        <translation>FP %1</translation>
    </message>
    <message>
        <source>TN %1</source>
        <translation>TN %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Threshold %1&lt;/b&gt; (score ≥ threshold is positive)&lt;br&gt;Sensitivity %2 · Specificity %3&lt;br&gt;Precision %4 · F1 %5 · Accuracy %6&lt;br&gt;%7 records</source>
        <translation>&lt;b&gt;Schwellenwert %1&lt;/b&gt; (Score ≥ Schwellenwert ist positiv)&lt;br&gt;Sensitivität %2 · Spezifität %3&lt;br&gt;Präzision %4 · F1 %5 · Genauigkeit %6&lt;br&gt;%7 Aufnahmen</translation>
    </message>
    <message>
        <source>Operating point</source>
        <translation>Arbeitspunkt</translation>
    </message>
    <message>
        <source>ROC and precision–recall curves of a run appear here.
Train a model (Training tab) or select runs in the Runs tab.</source>
        <translation>ROC- und Precision-Recall-Kurven eines Laufs erscheinen hier.
Trainieren Sie ein Modell (Reiter „Training“) oder wählen Sie Läufe im Reiter „Läufe“.</translation>
    </message>
    <message>
        <source>The selected runs have no test predictions yet.
They appear here once a run has tested a fold.</source>
        <translation>Die ausgewählten Läufe haben noch keine Testvorhersagen.
Sie erscheinen hier, sobald ein Lauf einen Fold getestet hat.</translation>
    </message>
    <message>
        <source>Click a cell to list its records</source>
        <translation>Eine Zelle anklicken, um ihre Aufnahmen aufzulisten</translation>
    </message>
    <message>
        <source>true positives</source>
        <translation>richtig positive</translation>
    </message>
    <message>
        <source>false negatives</source>
        <translation>falsch negative</translation>
    </message>
    <message>
        <source>false positives</source>
        <translation>falsch positive</translation>
    </message>
    <message>
        <source>true negatives</source>
        <translation>richtig negative</translation>
    </message>
    <message>
        <source>No operating point: no %1 to list</source>
        <translation>Kein Arbeitspunkt: keine %1 aufzulisten</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <source>%1 %2 (%3) at threshold %4</source>
        <translation>%1 %2 (%3) bei Schwelle %4</translation>
    </message>
    <message>
        <source>Run %1 · %2</source>
        <translation>Lauf %1 · %2</translation>
    </message>
    <message>
        <source>AUROC %1</source>
        <translation>AUROC %1</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more curve(s), listed under Curves</source>
        <translation>
            <numerusform>+ %n weitere Kurve, aufgeführt unter „Kurven“</numerusform>
            <numerusform>+ %n weitere Kurven, aufgeführt unter „Kurven“</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dacl::ui::RrTachogram</name>
    <message>
        <source>time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>RR (ms)</source>
        <translation>RR (ms)</translation>
    </message>
    <message>
        <source>No RR intervals: fewer than two beats found</source>
        <translation>Keine RR-Intervalle: weniger als zwei Schläge gefunden</translation>
    </message>
</context>
<context>
    <name>dacl::ui::RunComparePanel</name>
    <message>
        <source>Differences only</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <source>The compared runs have identical settings.</source>
        <translation>Die verglichenen Läufe haben identische Einstellungen.</translation>
    </message>
    <message>
        <source>Mean over folds</source>
        <translation>Mittel über die Folds</translation>
    </message>
    <message>
        <source>Each fold</source>
        <translation>Jeder Fold</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation>Kurve:</translation>
    </message>
    <message>
        <source>Curves unavailable: %1</source>
        <translation>Kurven nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>%1, final model</source>
        <translation>%1, Endmodell</translation>
    </message>
    <message>
        <source>%1, fold %2</source>
        <translation>%1, Fold %2</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>No points of this curve for the selected runs</source>
        <translation>Keine Punkte dieser Kurve für die ausgewählten Läufe</translation>
    </message>
</context>
<context>
    <name>dacl::ui::RunsModel</name>
    <message>
        <source>Baseline of run %1</source>
        <translation>Baseline von Lauf %1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Key settings</source>
        <translation>Wichtige Einstellungen</translation>
    </message>
    <message>
        <source>AUROC [95% CI]</source>
        <translation>AUROC [95%-KI]</translation>
    </message>
    <message>
        <source>Dataset not recorded with this run</source>
        <translation>Datensatz bei diesem Lauf nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 of its %2 records used by the task</source>
        <translation>%1 seiner %2 Aufnahmen von der Aufgabe verwendet</translation>
    </message>
    <message>
        <source>Fingerprint %1</source>
        <translation>Fingerabdruck %1</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Aufnahmen</translation>
    </message>
</context>
<context>
    <name>dacl::ui::RunsView</name>
    <message>
        <source>Search name, id, task, settings…</source>
        <translation>Name, ID, Aufgabe, Einstellungen suchen…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufgaben</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Last days:</source>
        <translation>Letzte Tage:</translation>
    </message>
    <message>
        <source>Between:</source>
        <translation>Zwischen:</translation>
    </message>
    <message>
        <source>AUROC ≥ </source>
        <translation>AUROC ≥ </translation>
    </message>
    <message>
        <source>Any AUROC</source>
        <translation>Beliebige AUROC</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue an interrupted, cancelled or failed run where it stopped</source>
        <translation>Einen unterbrochenen, abgebrochenen oder fehlgeschlagenen Lauf dort fortsetzen, wo er angehalten hat</translation>
    </message>
    <message>
        <source>Select two or more runs (Ctrl+click) to compare their settings and curves.</source>
        <translation>Wählen Sie zwei oder mehr Läufe aus (Strg+Klick), um ihre Einstellungen und Kurven zu vergleichen.</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Export embeddings</source>
        <translation>Einbettungen exportieren</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>Vorhersagen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n row(s) to %1</source>
        <translation>
            <numerusform>%n Zeile in %1 geschrieben</numerusform>
            <numerusform>%n Zeilen in %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Export predictions as CSV…</source>
        <translation>Vorhersagen als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export embeddings as CSV…</source>
        <translation>Einbettungen als CSV exportieren…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 von %n Lauf</numerusform>
            <numerusform>%1 von %n Läufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename failed: %1</source>
        <translation>Umbenennen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>Nicht gelöscht: %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their results from the file?</source>
        <translation>
            <numerusform>%n Lauf und alle seine Ergebnisse aus der Datei löschen?</numerusform>
            <numerusform>%n Läufe und alle ihre Ergebnisse aus der Datei löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n baseline run(s) belonging to them will be deleted too.</source>
        <translation>
            <numerusform>%n zugehöriger Baseline-Lauf wird ebenfalls gelöscht.</numerusform>
            <numerusform>%n zugehörige Baseline-Läufe werden ebenfalls gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message>
        <source>, %1 selected</source>
        <translation>, %1 ausgewählt</translation>
    </message>
    <message>
        <source>No runs yet — train a model (Training tab) and its runs appear here.</source>
        <translation>Noch keine Läufe – trainieren Sie ein Modell (Reiter „Training“), dann erscheinen seine Läufe hier.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::ScatteringView</name>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>First-order path whose second-order coefficients are shown (or click the scalogram)</source>
        <translation>Pfad erster Ordnung, dessen Koeffizienten zweiter Ordnung angezeigt werden (oder klicken Sie in das Skalogramm)</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Linear scale</source>
        <translation>Lineare Skala</translation>
    </message>
    <message>
        <source>Order 2 of</source>
        <translation>Ordnung 2 von</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>No record selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <source>Time in record (s)</source>
        <translation>Zeit in der Aufnahme (s)</translation>
    </message>
    <message>
        <source>Frequency (Hz)</source>
        <translation>Frequenz (Hz)</translation>
    </message>
    <message>
        <source>Path (token dimension)</source>
        <translation>Pfad (Token-Dimension)</translation>
    </message>
    <message>
        <source>token value</source>
        <translation>Token-Wert</translation>
    </message>
    <message>
        <source>n1 = %1 · %2</source>
        <translation>n1 = %1 · %2</translation>
    </message>
    <message>
        <source>Computing the scattering of %1, window %2…</source>
        <translation>Scattering von %1 wird berechnet, Fenster %2…</translation>
    </message>
    <message>
        <source>Could not compute the scattering</source>
        <translation>Das Scattering konnte nicht berechnet werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>log(S + %1)</source>
        <translation>log(S + %1)</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>Ordnung %1</translation>
    </message>
    <message numerus="yes">
        <source>Order-1 scalogram (%n path(s), centre frequencies of the first-order Morlet filters)</source>
        <translation>
            <numerusform>Skalogramm 1. Ordnung (%n Pfad, Mittenfrequenzen der Morlet-Filter erster Ordnung)</numerusform>
            <numerusform>Skalogramm 1. Ordnung (%n Pfade, Mittenfrequenzen der Morlet-Filter erster Ordnung)</numerusform>
        </translation>
    </message>
    <message>
        <source>n1 = %1, %2</source>
        <translation>n1 = %1, %2</translation>
    </message>
    <message>
        <source>Order 2 below %1: none (no second-order wavelet is coarser than this path)</source>
        <translation>Ordnung 2 unter %1: keine (kein Wavelet zweiter Ordnung ist gröber als dieser Pfad)</translation>
    </message>
    <message numerus="yes">
        <source>Order 2 below %1 (%n path(s))</source>
        <translation>
            <numerusform>Ordnung 2 unter %1 (%n Pfad)</numerusform>
            <numerusform>Ordnung 2 unter %1 (%n Pfade)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scattering Transformer tokens (%n layer(s) of parameter-free attention)</source>
        <translation>
            <numerusform>Tokens des Scattering Transformer (%n Schicht parameterfreier Attention)</numerusform>
            <numerusform>Tokens des Scattering Transformer (%n Schichten parameterfreier Attention)</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens log(S + ε) (no transformer layer)</source>
        <translation>Tokens log(S + ε) (keine Transformer-Schicht)</translation>
    </message>
    <message>
        <source>Order 0 (low-pass average)</source>
        <translation>Ordnung 0 (Tiefpass-Mittelwert)</translation>
    </message>
    <message>
        <source>Order 1 · n1 = %1 (j1 = %2) · %3</source>
        <translation>Ordnung 1 · n1 = %1 (j1 = %2) · %3</translation>
    </message>
    <message>
        <source>Order 2 · n1 = %1 (j1 = %2) → n2 = %3 (j2 = %4) · %5 → %6</source>
        <translation>Ordnung 2 · n1 = %1 (j1 = %2) → n2 = %3 (j2 = %4) · %5 → %6</translation>
    </message>
    <message>
        <source>token value %1</source>
        <translation>Token-Wert %1</translation>
    </message>
    <message>
        <source>log(S + %1) = %2</source>
        <translation>log(S + %1) = %2</translation>
    </message>
    <message>
        <source>S = %1</source>
        <translation>S = %1</translation>
    </message>
    <message>
        <source>%1
frame %2 at %3 s
%4</source>
        <translation>%1
Frame %2 bei %3 s
%4</translation>
    </message>
    <message>
        <source>span %1 of %2 (repr = sequence)</source>
        <translation>Abschnitt %1 von %2 (repr = sequence)</translation>
    </message>
    <message>
        <source>window %1 of %2</source>
        <translation>Fenster %1 von %2</translation>
    </message>
    <message>
        <source>%1 frames (%2 inside the record, the rest padding)</source>
        <translation>%1 Frames (%2 innerhalb der Aufnahme, der Rest Auffüllung)</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 Frames</translation>
    </message>
    <message>
        <source>%1  ·  %2  ·  %3–%4 s  ·  %5 paths × %6  ·  J = %7, Q = (%8, %9)</source>
        <translation>%1  ·  %2  ·  %3–%4 s  ·  %5 Pfade × %6  ·  J = %7, Q = (%8, %9)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>RR interval</source>
        <translation>RR-Intervall</translation>
    </message>
    <message>
        <source>|ΔRR|</source>
        <translation>|ΔRR|</translation>
    </message>
    <message>
        <source>Rhythm channels: off in this run&apos;s settings (seq.rhythm)</source>
        <translation>Rhythmuskanäle: in den Einstellungen dieses Laufs aus (seq.rhythm)</translation>
    </message>
    <message>
        <source>Rhythm channels: part of repr = sequence only (this is repr = pooled)</source>
        <translation>Rhythmuskanäle: nur Teil von repr = sequence (dies ist repr = pooled)</translation>
    </message>
    <message>
        <source>Rhythm channels fed to the model beside the tokens: RR interval and |ΔRR| at each frame, from the whole record&apos;s R peaks</source>
        <translation>Rhythmuskanäle, die das Modell neben den Tokens erhält: RR-Intervall und |ΔRR| in jedem Frame, aus den R-Zacken der ganzen Aufnahme</translation>
    </message>
    <message>
        <source>The scattering transform of the selected record&apos;s window appears here: the order-1 scalogram,
the order-2 coefficients of a chosen path and the transformer&apos;s tokens.</source>
        <translation>Hier erscheint die Scattering-Transformation des gewählten Fensters der Aufnahme: das Skalogramm 1. Ordnung,
die Koeffizienten 2. Ordnung eines gewählten Pfads und die Tokens des Transformers.</translation>
    </message>
    <message>
        <source>Could not compute the scattering: the reason is above.</source>
        <translation>Das Scattering kann nicht berechnet werden: Der Grund steht oben.</translation>
    </message>
</context>
<context>
    <name>dacl::ui::SequenceDiffusionPlots</name>
    <message>
        <source>Time in record (s)</source>
        <translation>Zeit in der Aufnahme (s)</translation>
    </message>
    <message>
        <source>Latent dimension</source>
        <translation>Latente Dimension</translation>
    </message>
    <message>
        <source>z (standardised)</source>
        <translation>z (standardisiert)</translation>
    </message>
    <message>
        <source>f: the span&apos;s frames (Scattering-Transformer channels)</source>
        <translation>f: die Frames des Abschnitts (Scattering-Transformer-Kanäle)</translation>
    </message>
    <message>
        <source>feature value</source>
        <translation>Merkmalswert</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>t = %1 · noise std %2</source>
        <translation>t = %1 · Rausch-σ %2</translation>
    </message>
    <message>
        <source>z_t of the span</source>
        <translation>z_t des Abschnitts</translation>
    </message>
    <message>
        <source>decode(z_t)</source>
        <translation>decode(z_t)</translation>
    </message>
    <message>
        <source>z_t of span %1 of %2 at t = %3 (z0 at t = 0)</source>
        <translation>z_t von Abschnitt %1 von %2 bei t = %3 (z0 bei t = 0)</translation>
    </message>
    <message>
        <source>decode(z_t) at t = %1 · MSE against f %2</source>
        <translation>decode(z_t) bei t = %1 · MSE gegenüber f %2</translation>
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
        <source>&amp;Screen&apos;s value</source>
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
    <name>dacl::ui::TrainingForm</name>
    <message>
        <source>Training run</source>
        <translation>Trainingslauf</translation>
    </message>
    <message>
        <source>Quick look (minutes)</source>
        <translation>Schneller Blick (Minuten)</translation>
    </message>
    <message>
        <source>Method defaults (hours on a CPU)</source>
        <translation>Vorgaben der Methode (Stunden auf einer CPU)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>Quick look: few epochs, one split, to see the pipeline work. Method defaults: the settings of the method description (5-fold cross-validation).</source>
        <translation>Schneller Blick: wenige Epochen, eine Aufteilung, um die Pipeline arbeiten zu sehen. Vorgaben der Methode: die Einstellungen der Methodenbeschreibung (5-fache Kreuzvalidierung).</translation>
    </message>
    <message>
        <source>Sequence (whole record, v2)</source>
        <translation>Sequenz (ganze Aufnahme, v2)</translation>
    </message>
    <message>
        <source>Pooled 10-s windows (v1)</source>
        <translation>Gepoolte 10-s-Fenster (v1)</translation>
    </message>
    <message>
        <source>What the encoder sees: the latent sequence of the whole record, or pooled windows</source>
        <translation>Was der Encoder sieht: die latente Sequenz der ganzen Aufnahme oder gepoolte Fenster</translation>
    </message>
    <message>
        <source>1: one stratified 80/20 split; k: k-fold cross-validation by record</source>
        <translation>1: eine stratifizierte 80/20-Aufteilung; k: k-fache Kreuzvalidierung nach Aufnahme</translation>
    </message>
    <message>
        <source>Maximal VAE epochs (early stopping may end sooner)</source>
        <translation>Höchstzahl der VAE-Epochen (Early Stopping kann früher enden)</translation>
    </message>
    <message>
        <source>Epochs of the contrastive encoder (and of its fine-tuning)</source>
        <translation>Epochen des kontrastiven Encoders (und seiner Feinabstimmung)</translation>
    </message>
    <message>
        <source>U-Net channels of the first level</source>
        <translation>U-Net-Kanäle der ersten Ebene</translation>
    </message>
    <message>
        <source>Noisy views use diffusion timesteps t ~ Uniform{1…t_max}</source>
        <translation>Verrauschte Ansichten nutzen Diffusionsschritte t ~ Uniform{1…t_max}</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source> records</source>
        <translation> Aufnahmen</translation>
    </message>
    <message>
        <source>A stratified subset: each class keeps its share</source>
        <translation>Eine stratifizierte Teilmenge: jede Klasse behält ihren Anteil</translation>
    </message>
    <message>
        <source>Train and evaluate on records labelled %1</source>
        <translation>Auf Aufnahmen mit dem Label %1 trainieren und auswerten</translation>
    </message>
    <message>
        <source>all records</source>
        <translation>alle Aufnahmen</translation>
    </message>
    <message>
        <source>List…</source>
        <translation>Liste…</translation>
    </message>
    <message>
        <source>Train only on the records named in a file (one name per line, e.g. an exported selection)</source>
        <translation>Nur auf den in einer Datei genannten Aufnahmen trainieren (ein Name pro Zeile, z. B. eine exportierte Auswahl)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Forget the record list</source>
        <translation>Die Aufnahmeliste vergessen</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Record list</source>
        <translation>Aufnahmeliste</translation>
    </message>
    <message>
        <source>Folds</source>
        <translation>Folds</translation>
    </message>
    <message>
        <source>Representation</source>
        <translation>Repräsentation</translation>
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
    <message numerus="yes">
        <source>%1 (%n record(s))</source>
        <translation>
            <numerusform>%1 (%n Aufnahme)</numerusform>
            <numerusform>%1 (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Train on the records of a list</source>
        <translation>Auf den Aufnahmen einer Liste trainieren</translation>
    </message>
    <message>
        <source>Record lists (*.txt *.csv);;All files (*)</source>
        <translation>Aufnahmelisten (*.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n fold(s)</source>
        <translation>
            <numerusform>%n Fold</numerusform>
            <numerusform>%n Folds</numerusform>
        </translation>
    </message>
    <message>
        <source>at most %1 records</source>
        <translation>höchstens %1 Aufnahmen</translation>
    </message>
    <message>
        <source>classes %1</source>
        <translation>Klassen %1</translation>
    </message>
    <message>
        <source>list %1</source>
        <translation>Liste %1</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1 auf %2 (%3)</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Label)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>dacl::ui::TrainingView</name>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
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
        <source>Which fold&apos;s curves to show</source>
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
    <message>
        <source>Loss and validation AUROC per epoch appear here while a model trains.
Start a demo run on the left, or select a run in the Runs tab.</source>
        <translation>Verlust und Validierungs-AUROC je Epoche erscheinen hier, während ein Modell trainiert.
Starten Sie links einen Demo-Lauf oder wählen Sie einen Lauf im Reiter „Läufe“.</translation>
    </message>
    <message>
        <source>Loss per training step appears here while a model trains.</source>
        <translation>Der Verlust je Trainingsschritt erscheint hier, während ein Modell trainiert.</translation>
    </message>
    <message>
        <source>Cannot use %1: %2</source>
        <translation>%1 kann nicht verwendet werden: %2</translation>
    </message>
</context>
<context>
    <name>dacl::ui::WelcomePanel</name>
    <message>
        <source>&lt;b&gt;Welcome to DACL Studio&lt;/b&gt;</source>
        <translation>&lt;b&gt;Willkommen bei DACL Studio&lt;/b&gt;</translation>
    </message>
    <message>
        <source>DACL Studio learns to recognise atrial fibrillation in ECG recordings: explore a dataset record by record, train and compare models, and assess a single recording with a trained model. The built-in demo dataset (synthetic ECG of four classes) is open below.</source>
        <translation>DACL Studio lernt, Vorhofflimmern in EKG-Aufnahmen zu erkennen: Erkunden Sie einen Datensatz Aufnahme für Aufnahme, trainieren und vergleichen Sie Modelle und bewerten Sie eine einzelne Aufnahme mit einem trainierten Modell. Unten ist der eingebaute Demo-Datensatz (synthetisches EKG in vier Klassen) geöffnet.</translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation>Datensatzordner öffnen…</translation>
    </message>
    <message>
        <source>A PhysioNet-style folder of recordings with a REFERENCE.csv of labels</source>
        <translation>Ein Ordner mit Aufnahmen im PhysioNet-Stil mit einer REFERENCE.csv der Klassen</translation>
    </message>
    <message>
        <source>Open one recording file…</source>
        <translation>Eine Aufnahmedatei öffnen…</translation>
    </message>
    <message>
        <source>One ECG file (WFDB, MAT, EDF/EDF+/BDF, CSV), assessed with a trained run</source>
        <translation>Eine EKG-Datei (WFDB, MAT, EDF/EDF+/BDF, CSV), bewertet mit einem trainierten Lauf</translation>
    </message>
    <message>
        <source>Train on the demo dataset</source>
        <translation>Mit dem Demo-Datensatz trainieren</translation>
    </message>
    <message>
        <source>Starts a short demo training run; its curves appear in the Training tab</source>
        <translation>Startet einen kurzen Demo-Trainingslauf; seine Kurven erscheinen im Reiter „Training“</translation>
    </message>
    <message>
        <source>Explore the demo dataset</source>
        <translation>Demo-Datensatz erkunden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DACL Studio: explore ECG and its DACL representations</source>
        <translation>DACL Studio: EKG und seine DACL-Repräsentationen erkunden</translation>
    </message>
    <message>
        <source>Compute threads (0 = all cores; default: the Settings value).</source>
        <translation>Rechen-Threads (0 = alle Kerne; Vorgabe: Wert aus den Einstellungen).</translation>
    </message>
    <message>
        <source>Open the demo dataset, run a short demo job, save one PNG per view into DIR and exit.</source>
        <translation>Öffnet den Demo-Datensatz, führt einen kurzen Demo-Auftrag aus, speichert je Ansicht ein PNG in DIR und beendet sich.</translation>
    </message>
    <message>
        <source>Recording file to open (EDF/EDF+/BDF, WFDB .hea or .mat, CSV).</source>
        <translation>Zu öffnende Aufnahmedatei (EDF/EDF+/BDF, WFDB .hea oder .mat, CSV).</translation>
    </message>
    <message>
        <source>Recording file or dataset folder to open (as the desktop&apos;s Open With passes it).</source>
        <translation>Zu öffnende Aufnahmedatei oder Datensatzordner (wie ihn „Öffnen mit“ des Desktops übergibt).</translation>
    </message>
    <message>
        <source>Dataset folder to open (default: the last one, or the built-in demo dataset).</source>
        <translation>Zu öffnender Datensatz-Ordner (Vorgabe: der zuletzt geöffnete, sonst der eingebaute Demo-Datensatz).</translation>
    </message>
    <message>
        <source>Interface language for this session: en, de or system (default: the Settings value).</source>
        <translation>Sprache der Oberfläche für diese Sitzung: en, de oder system (Vorgabe: Wert aus den Einstellungen).</translation>
    </message>
    <message>
        <source>Window size of the screenshot tour, WIDTHxHEIGHT (default 1440x900; at least 1280x800).</source>
        <translation>Fenstergröße des Screenshot-Rundgangs, BREITExHÖHE (Vorgabe 1440x900; mindestens 1280x800).</translation>
    </message>
</context>
</TS>
