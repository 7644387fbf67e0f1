// Package eventeval scores event records against gold events: a predicted
// event matches a gold one of the same document when its point lies
// within [MatchKm] of the gold place and its date interval
// (date_start..date_end) lies inside the gold date's interval. Matching is
// one-to-one and maximal, and among maximal matchings it pairs the
// nearest points (a town and the volcano above it do not pair
// crosswise). It reports precision, recall and F1 of events, the recall
// of the gold people on matched events, and why events were false or
// missed: the reason a corpus gives for a non-event place (origin,
// future, container, …), or what the pipeline did with the place (wrong
// date, another role, unresolved, not recognized).
//
// The corpus format is that of events-dev: one JSON object a line with
// id, published, text, toponyms and events; the optional non-events file
// lists, for each document, the toponym mentions that are not event
// places and the reason.
package eventeval
