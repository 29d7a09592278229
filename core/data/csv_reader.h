#pragma once
// ECG samples in a text table (CSV, TSV or ';'-separated): a header line of column names, then one
// row per sample time, one column per lead, in physical units. Optional:
//  - a time column ("time", "time_s", "t", "seconds"): gives the rate when no other source does;
//  - comment lines starting with '#', among them "# fs=500" (Hz) and "# unit: uV";
//  - a unit in a column name: "II (mV)" or "V1 [uV]".
// The sampling rate comes from CsvOptions::fs, else a "# fs=" line, else the time column.
// Units default to mV, the unit of every ECG export we know that does not say.
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <string>

namespace dacl {

struct CsvOptions {
    double fs = 0;  // Hz; 0 = from the file
};

// True for names ending in .csv or .tsv (any case).
bool isCsvPath(const std::string& path);

// Reads the table. Throws InputError naming the file, the line and the reason (empty file, no
// header, a non-numeric cell, a short row, no sampling rate, more samples than one record may hold).
Recording readCsv(const std::string& path, const CsvOptions& options = {});

// The record description (format "csv"); reads the whole table to count and check it.
RecordHeader readCsvHeader(const std::string& path, const CsvOptions& options = {});

}  // namespace dacl
