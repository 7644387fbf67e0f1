// Package timex finds English temporal expressions (dates, times,
// durations and sets) in text and normalizes them TIMEX3-style against
// the document creation time (DCT).
//
// Find is a hand-written scanner: it tokenizes the text once (rune and byte
// offsets, word boundaries), looks words up in static tables (month and
// weekday names and their abbreviations, number words, units, modifiers)
// and matches a small grammar of expression patterns at each token,
// keeping the longest match. It uses no regular expressions and builds no
// maps per call, and is safe for concurrent use.
//
// Values follow TIMEX3 conventions: "2022-09-14", "2022-09", "2022-W37",
// "2022-W36-WE", "2022-SU", "2022-Q3", "199X", "2022-09-14T15:00",
// "2022-09-14TNI", durations "P6M", "PT24H", "PXY", "P20Y", sets "P1W",
// "XXXX-WXX-3", and the references PRESENT_REF, PAST_REF and FUTURE_REF.
// When the DCT is unknown (zero time), relative expressions keep an
// unresolved value such as "XXXX-WXX-3" or "XXXX-03". A decade is
// written "199X", as the project asks (TimeBank writes "199"; Evaluate
// compares values as strings and counts those as wrong).
//
// Spans follow TimeBank conventions: a governing preposition is excluded
// ("on Wednesday" gives "Wednesday") while determiners and modifiers that
// TimeBank includes are kept ("the 1990s", "late last week", "the past
// three months"). A weekday followed by a date ("Wednesday, Sept. 14,
// 2022") is returned as one DATE expression with the value of the date.
//
// Relative expressions resolve against the DCT, in the direction the
// tense of the governing verb gives ("on Wednesday he traveled" is the
// past Wednesday, "will meet on Friday" the next). The reference time
// moves with the narrative: "two days later", "the next day", "that
// year", "the previous Friday" resolve against the last date the text
// resolved, a weekday in the same sentence as an explicit distant date
// against that date's week, and in earnings reports "a year earlier",
// "the year-ago quarter", "the latest period" against the last quarter
// named. "ago" always counts from the DCT.
//
// FindDCT reads a document creation time from the text itself (a
// dateline, else the first photo caption) for input without one.
//
// Evaluate scores the output against gold annotations (strict and relaxed
// span P/R/F1, type and value accuracy, TempEval-3 style value F1).
package timex
