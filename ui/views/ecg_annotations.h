#pragma once
// Annotations as the ECG view shows them, whatever file they came from: an episode (a rhythm
// that lasts, duration > 0, drawn as a band) or a mark (a beat label or an event, duration 0,
// drawn at its time). Plain C++ so that any reader can feed it: WFDB `.atr` files through
// annotationsFromWfdb(), EDF+ annotation lists directly as (onset, duration, text).
#include "core/data/annotations.h"

#include <string>
#include <vector>

namespace dacl::ui {

struct EcgAnnotation {
    double onsetS = 0;     // seconds from the start of the record
    double durationS = 0;  // 0: a mark
    std::string text;      // "AFIB", "N", "V", free text from EDF+
    bool isEpisode() const { return durationS > 0; }
};

// Rhythm changes become episodes (one per rhythm interval, text without the leading '('),
// beats become marks with their WFDB symbol ("N", "V", ...), other annotations marks with
// their AUX text when they have one, else their symbol. Sorted by onset.
std::vector<EcgAnnotation> annotationsFromWfdb(const std::vector<Annotation>& annotations, long nSamples, double fs);

// The WFDB annotation file beside a record's header (`<record>.atr`, else `.qrs`), read and
// converted; empty when there is none. Throws InputError (file + reason) for a bad file.
std::vector<EcgAnnotation> readAnnotationsBeside(const std::string& headerPath, long nSamples, double fs);

// A clinical family for colouring: 0 normal sinus, 1 atrial fibrillation/flutter, 2 other
// arrhythmia, 3 noise/artefact or anything else.
int annotationFamily(const std::string& text);

}  // namespace dacl::ui
