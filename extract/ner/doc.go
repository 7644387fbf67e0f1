// Package ner is geoparse's named-entity tagger: an averaged perceptron over
// BILOU classes for PERSON, LOCATION, ORGANIZATION and MISC, decoded greedily
// left to right with the two previous labels as features and BILOU
// transition constraints (trained with the gold label history).
//
// Features are hashed (FNV-1a over a template id and per-token component
// hashes, no string building) into tables of 2^17 rows of 17 int16 weights
// (only non-zero rows are stored; tagging reads them as rows of 16 weights
// relative to the outside class, 32 bytes per bucket). They cover the word, its lower case, shape
// and short shape, prefixes and suffixes of 1–4 characters, orthographic
// flags, the neighbours ±2 (lower case and short shape), word bigrams, the
// sentence's casing (the share of ALL-CAPS alphabetic tokens, so that a
// headline in capitals does not turn into entities), the position in the
// sentence and its length, and, when the model is trained with a Lexicon,
// the gazetteer size bucket of the 1- to 3-grams around the token.
//
// Three tables learnt from the training data add what a word cluster or a
// gazetteer would: a word class per lower-cased word (frequency, how often
// it is capitalised in running text, and which entity type it is usually
// part of), a phrase memory (lower-cased 1- to 4-grams annotated as an
// entity type in at least 30% of their occurrences) and a given-name list
// (how often, and in what share of its occurrences, a word starts a PERSON
// name of two or more tokens), which also marks the words next to a given
// name. During training they are jackknifed (built from the other 4 of 5
// blocks of documents) so that the model sees unknown words as often as it
// will when tagging.
//
// Tag labels one sentence on its own. TagDocument labels a whole document in
// two passes (Ratinov & Roth's non-local features): the first pass is Tag on
// every sentence; the second tags again with a second weight table that
// adds, for every word, how the first pass labelled the word's other
// occurrences in the document (majority type, agreement, types and BILOU
// positions seen, the same for the neighbours), so that "Simmons" after
// "Phil Simmons" is a person and "LEICESTERSHIRE" in a headline is tagged
// like "Leicestershire" in the body. The second pass keeps the first pass's
// class, without scoring, where the first pass won by a wide margin and the
// document agrees. Training computes these features from
// jackknifed first-pass predictions (each block of documents tagged by a
// model trained on the other blocks).
//
// Default returns the model trained on the CoNLL-2003 English training set
// with the embedded gazetteer's lexicon (embedded from model/conll.ner;
// reproduce it with `geoparse train ner`). Train, TrainDocs, TrainFile and
// EvalFile train and measure models; Score computes conlleval's exact span
// precision, recall and F1.
package ner
