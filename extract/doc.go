// Package extract reads news articles: it finds who, where and when, and
// which of them go together.
//
// An Extractor runs a fixed chain of cheap stages over a Document:
//
//	Tokenize   prose's tokenizer, aligned to code point offsets
//	Sentences  rule-based boundaries, and each line typed as body,
//	           caption, headline or boilerplate
//	entities   the ner tagger (averaged perceptron with gazetteer
//	           features), then document-level rules: titles split off,
//	           "X region" joined, labels harmonized across the article,
//	           people linked to their full names
//	dates      timex: TIMEX3 values anchored on the publication date
//	places     every LOCATION resolved together against the gazetteer
//	events     every place's role (event, origin, planned, destination,
//	           background, container, mention, metonym, headline: see
//	           Roles), then one event per event place of the article:
//	           its nearest stated date and interval, its point (or the
//	           smallest area named with it), its people
//
// The Result keeps every stage's output (tokens, sentences, entities,
// places, dates, events) as plain data, with Unicode code point offsets
// into Document.Text. Package geo turns it into GeoJSON records.
//
// prose's own sentence segmenter, tagger and entity model are not used:
// on a 4 KB article they cost 14, 9 and 40 ms, while the whole pipeline
// here aims at about 1 ms.
package extract
