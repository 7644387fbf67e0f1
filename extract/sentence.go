package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits tokens into sentences with cheap rules over the tokens
// (prose's Punkt segmenter costs about 14 ms an article, more than the whole
// pipeline's budget):
//
//   - a line break always ends a sentence: news text puts paragraphs,
//     captions and headlines on lines of their own;
//   - ".", "!", "?" and "…" end a sentence unless the next token starts in
//     lower case, or the token before is an abbreviation or initial that
//     does not end sentences ("Sept. 14", "Gen. Smith", "J. R. R.");
//   - closing quotes and brackets right after the end go with the sentence.
//
// Each sentence is then typed (body, caption, headline, boilerplate) from
// the line it stands on.
func Sentences(text string, toks []Token) []Sentence {
	var out []Sentence
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, Sentence{
				Start: toks[start].Start, End: toks[end-1].End,
				TokenStart: start, TokenEnd: end,
			})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if i > start && toks[i].NewlineBefore {
			flush(i)
		}
		if !isTerminator(toks[i].Text) {
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].NewlineBefore && isCloser(toks[j].Text) && !opensQuote(toks, j) {
			j++
		}
		if j >= len(toks) || toks[j].NewlineBefore {
			i = j - 1
			continue // the line break flushes
		}
		if !endsSentence(toks, i, j) {
			continue
		}
		flush(j)
		i = j - 1
	}
	flush(len(toks))
	classifyLines(text, toks, out)
	return out
}

func isTerminator(s string) bool {
	switch s {
	case ".", "!", "?", "…", "...", "?!", "!?":
		return true
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case `"`, "\u201d", "'", "\u2019", ")", "]", "»":
		return true
	}
	return false
}

// opensQuote reports whether the quote token at j opens a new quotation:
// it is separated from the terminator by a space and glued to the next word.
func opensQuote(toks []Token, j int) bool {
	if toks[j].Text == ")" || toks[j].Text == "]" {
		return false
	}
	return toks[j].SpaceBefore && j+1 < len(toks) && !toks[j+1].SpaceBefore
}

// endsSentence decides whether the terminator at i ends a sentence whose
// next token is at j.
func endsSentence(toks []Token, i, j int) bool {
	next := toks[j].Text
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return false
	}
	if toks[i].Text != "." || i == 0 {
		return true
	}
	prev := toks[i-1]
	if prev.End != toks[i].Start {
		return true // "end ." with a space: not an abbreviation
	}
	p := prev.Text
	if isInitial(p) {
		// "J. Smith": an initial before a capitalized word. A single
		// capital closing a sentence is rare in news.
		return false
	}
	if abbrevNoEnd[strings.ToLower(p)] {
		return false
	}
	if abbrevBeforeNumber[strings.ToLower(p)] {
		return !unicode.IsDigit(r)
	}
	return true
}

func isInitial(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsUpper(r)
}

// abbrevNoEnd are abbreviations that are followed by a name and do not end
// sentences.
var abbrevNoEnd = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true,
	"lt": true, "col": true, "maj": true, "capt": true, "sgt": true, "cpl": true,
	"adm": true, "gov": true, "sen": true, "rep": true, "rev": true, "fr": true,
	"st": true, "mt": true, "ft": true, "pres": true, "hon": true, "supt": true,
	"cmdr": true, "brig": true, "insp": true, "messrs": true, "mme": true,
	"vs": true, "v": true,
}

// abbrevBeforeNumber are abbreviations that do not end a sentence when a
// number follows ("Sept. 14", "No. 5").
var abbrevBeforeNumber = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "art": true, "vol": true, "p": true, "pp": true,
	"fig": true, "ch": true, "sec": true, "approx": true,
}
