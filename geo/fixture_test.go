package geo

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/geoparse/geoparse/extract"
)

// fixtureText has two sentences; the em dash and "é" make code point and
// byte offsets differ, and the double space and newline inside sentence 0
// must be collapsed in Record.Sentence.
const fixtureText = "KYIV — On Sept. 14 President Zelenskyy visited  Izium,\n" +
	"near Kharkiv. The café in Narnia was closed."

// fixture returns a Result with two places (Izium resolved, Narnia not),
// one date and one event: Zelenskyy in Izium on 2022-09-14.
func fixture() *extract.Result {
	toks := tokenize(fixtureText)
	// Sentence 0 ends at "Kharkiv.", sentence 1 is the rest.
	split := 0
	for i, tk := range toks {
		if tk.Text == "Kharkiv." {
			split = i + 1
		}
	}
	sents := []extract.Sentence{
		{Start: toks[0].Start, End: toks[split-1].End, TokenStart: 0, TokenEnd: split, Kind: extract.KindBody},
		{Start: toks[split].Start, End: toks[len(toks)-1].End, TokenStart: split, TokenEnd: len(toks), Kind: extract.KindBody},
	}
	izium := span(fixtureText, "Izium")
	narnia := span(fixtureText, "Narnia")
	date := span(fixtureText, "Sept. 14")
	return &extract.Result{
		Document: extract.Document{
			ID:        "doc-1",
			Text:      fixtureText,
			Title:     "Zelenskyy visits Izium",
			URL:       "https://example.com/izium",
			Published: "2022-09-15T08:30:00+03:00",
		},
		Published: time.Date(2022, 9, 15, 8, 30, 0, 0, time.FixedZone("EEST", 3*3600)),
		Tokens:    toks,
		Sentences: sents,
		Places: []extract.Place{
			{
				Text: "Izium", Start: izium[0], End: izium[1], Name: "Izyum",
				GeoNameID: ptr[int64](707688), Lat: ptr(49.2122049), Lon: ptr(37.25696123),
				FeatureCode: "PPLA2", CountryCode: "UA", Admin1: "07", Population: 48000,
				Score: 0.9, Sentence: 0,
			},
			{Text: "Narnia", Start: narnia[0], End: narnia[1], Sentence: 1},
		},
		Dates: []extract.Date{
			{Text: "Sept. 14", Start: date[0], End: date[1], Type: "DATE", Value: "2022-09-14", Sentence: 0},
		},
		Events: []extract.Event{
			{Sentence: 0, PlaceIndex: 0, DateIndex: 0, People: []string{"Volodymyr Zelenskyy"}, Date: "2022-09-14", Confidence: 0.9,
				Type: extract.TypeVisit, Role: extract.RoleEvent, DateSource: "sentence", Mentions: 1, Sentences: []int{0}, Places: []int{0}},
		},
	}
}

func ptr[T any](v T) *T { return &v }

// span returns the code point offsets [start, end) of the first s in text.
func span(text, s string) [2]int {
	b := strings.Index(text, s)
	if b < 0 {
		panic("fixture: no " + s)
	}
	start := utf8.RuneCountInString(text[:b])
	return [2]int{start, start + utf8.RuneCountInString(s)}
}

// tokenize splits text at whitespace: enough for SentenceText.
func tokenize(text string) []extract.Token {
	var toks []extract.Token
	cp, start, startCP := 0, -1, 0
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				toks = append(toks, extract.Token{Text: text[start:i], Start: startCP, End: cp, ByteStart: start, ByteEnd: i})
				start = -1
			}
		} else if start < 0 {
			start, startCP = i, cp
		}
		cp++
	}
	if start >= 0 {
		toks = append(toks, extract.Token{Text: text[start:], Start: startCP, End: cp, ByteStart: start, ByteEnd: len(text)})
	}
	return toks
}

// sampleRecords returns n varied records for writer tests.
func sampleRecords(n int) []Record {
	base := Records(fixture())[0]
	recs := make([]Record, n)
	for i := range recs {
		r := base
		r.Start = base.Start + i
		r.End = base.End + i
		r.Lon = round(base.Lon+float64(i)*0.01, 6)
		r.Lat = round(base.Lat-float64(i)*0.01, 6)
		switch i % 3 {
		case 1:
			r.People = []string{}
			r.Confidence = 1
		case 2:
			r.People = []string{"Volodymyr Zelenskyy", "Oleh Synyehubov"}
			r.Date = "2022-09"
			r.DateText = "September"
		}
		r.ID = EventID(r.DocID, fmt.Sprintf("geonames:%d", r.GeoNameID), r.Date, fmt.Sprint(r.Type, i))
		recs[i] = r
	}
	return recs
}
