package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/geoparse/geoparse/gazetteer"
)

// resolvePlaces turns the LOCATION entities and the places inside longer
// names (nested) into Places and resolves them all together against the
// gazetteer, so that each mention is read in the light of the others:
// "Paris" among Texan towns is Paris, Texas. It returns the places named
// or abbreviated, and apart from them those of the other forms (nested
// names and demonyms), which never make events.
func resolvePlaces(ctx context.Context, gaz *gazetteer.Index, res *Result, forms []formMention) (named, other []Place) {
	var mentions []Entity
	for _, e := range res.Entities {
		if e.Label == Location {
			mentions = append(mentions, e)
		}
	}
	fromForms := map[int]formMention{} // start of a mention found by formMentions
	for _, m := range forms {
		if m.form != FormDemonym {
			mentions = append(mentions, m.Entity)
			fromForms[m.Start] = m
		}
	}
	if len(mentions) == 0 && len(forms) == 0 {
		return nil, nil
	}
	sort.SliceStable(mentions, func(i, j int) bool { return mentions[i].Start < mentions[j].Start })
	queries, hints := placeQueries(gaz, res, mentions)
	places := make([]Place, len(mentions))
	// The resolver weighs every mention against the readings of the
	// others, and holds all their candidates while it does: a news
	// article names far fewer places than resolvePartMentions and is
	// resolved whole, while a digest of 90,000 place mentions held 250 MB
	// of candidates at once. Parts of a longer text are resolved one after
	// the other, each its own context.
	for start := 0; start < len(mentions) && ctx.Err() == nil; start += resolvePartMentions {
		end := min(start+resolvePartMentions, len(mentions))
		for i, r := range gaz.Resolve(queries[start:end], hints) {
			e := mentions[start+i]
			p := Place{Text: e.Text, Start: e.Start, End: e.End, Sentence: e.Sentence, Form: spellingForm(e.Text)}
			if r.Best != nil {
				p.setEntry(*r.Best)
				p.Score = roundScore(r.Score)
			}
			places[start+i] = p
		}
	}
	// A place inside a longer name or a compound word ("Washington-based")
	// only modifies it: its role is "mention", and it makes no event.
	for i := range places {
		if m, ok := fromForms[places[i].Start]; ok {
			if m.form == FormInName {
				places[i].Form = FormInName
			}
			places[i].Within, places[i].Role = m.within, RoleMention
		}
	}
	oneSensePerDiscourse(res, places)
	areaReadings(gaz, res, places)
	for _, p := range places {
		if _, ok := fromForms[p.Start]; ok {
			other = append(other, p)
		} else {
			named = append(named, p)
		}
	}
	for _, m := range forms {
		if m.form == FormDemonym {
			other = append(other, demonymPlace(gaz, m))
		}
	}
	sortPlaces(other)
	return named, other
}

// resolvePartMentions bounds the place mentions resolved together.
const resolvePartMentions = 2000

// areaReadings reads a town as the region of the same name when the text
// speaks of an area ("regained territory in Kharkiv", "fighting across
// Donetsk"): the first-level division that holds the town and bears its
// name is then the place meant.
func areaReadings(gaz *gazetteer.Index, res *Result, places []Place) {
	for i := range places {
		p := &places[i]
		if !p.Resolved() || !strings.HasPrefix(p.FeatureCode, "PPL") || p.Admin1 == "" || !areaCue(res, p.Start) {
			continue
		}
		adm, ok := gaz.Admin1(p.CountryCode, p.Admin1)
		if !ok || !strings.EqualFold(adm.Name, p.Text) && !strings.EqualFold(adm.Name, p.Name) {
			continue
		}
		p.setEntry(adm)
	}
}

// setEntry makes e the place's gazetteer entry; the score is the caller's.
func (p *Place) setEntry(e gazetteer.Entry) {
	id, lat, lon := e.ID, e.Lat, e.Lon
	p.Name, p.GeoNameID, p.Lat, p.Lon = e.Name, &id, &lat, &lon
	p.FeatureCode, p.CountryCode, p.Admin1, p.Population = e.FeatureCode, e.CountryCode, e.Admin1, e.Population
}

// areaCue reports whether the words before code point offset start speak
// of an area: "territory in", "swaths of", "across", "throughout".
func areaCue(res *Result, start int) bool {
	i := sort.Search(len(res.Tokens), func(i int) bool { return res.Tokens[i].Start >= start })
	if i == 0 {
		return false
	}
	prev := strings.ToLower(res.Tokens[i-1].Text)
	switch prev {
	case "across", "throughout":
		return true
	case "in", "of":
		return i >= 2 && areaNouns[strings.ToLower(res.Tokens[i-2].Text)]
	}
	return false
}

var areaNouns = map[string]bool{"territory": true, "territories": true, "swaths": true, "swath": true, "areas": true, "parts": true, "countryside": true, "villages": true}

// oneSensePerDiscourse gives mentions of the same name in one article the
// same reading: an article that opens "VICTORIA, Seychelles —" means the
// same Victoria when it later says "met in Victoria". A mention takes the
// reading of the best-scored mention of its name unless it has a
// qualifier of its own ("Paris, Texas" and "Paris, France" stay apart).
func oneSensePerDiscourse(res *Result, places []Place) {
	best := map[string]int{}
	for i, p := range places {
		if !p.Resolved() {
			continue
		}
		k := strings.ToLower(p.Text)
		if j, ok := best[k]; !ok || p.Score > places[j].Score {
			best[k] = i
		}
	}
	for i := range places {
		p := &places[i]
		j, ok := best[strings.ToLower(p.Text)]
		if !ok || j == i || p.Resolved() && *p.GeoNameID == *places[j].GeoNameID || qualified(res, places, i) {
			continue
		}
		b := places[j]
		p.Name, p.GeoNameID, p.Lat, p.Lon = b.Name, b.GeoNameID, b.Lat, b.Lon
		p.FeatureCode, p.CountryCode, p.Admin1, p.Population, p.Score = b.FeatureCode, b.CountryCode, b.Admin1, b.Population, b.Score
	}
}

// qualified reports whether place i is followed by a comma and another
// place of its sentence ("Paris, Texas").
func qualified(res *Result, places []Place, i int) bool {
	return i+1 < len(places) && places[i+1].Sentence == places[i].Sentence && onlyCommaBetween(res, places[i].End, places[i+1].Start)
}

// placeQueries builds the resolver's queries for the place mentions of
// res, in text order: each mention with its "X, Y" qualifiers and its
// position in the document, and the demonym country hints of the text.
func placeQueries(gaz *gazetteer.Index, res *Result, mentions []Entity) ([]gazetteer.Query, []string) {
	queries := make([]gazetteer.Query, len(mentions))
	// The qualifiers of a mention are the mentions after it in its comma
	// chain: one slice of all mention texts serves every query, each
	// taking a window of it, rather than a copy per mention.
	texts := make([]string, len(mentions))
	for qi, e := range mentions {
		texts[qi] = e.Text
	}
	chainEnd := len(mentions) // end (exclusive) of the comma chain of qi
	for qi := len(mentions) - 1; qi >= 0; qi-- {
		e := mentions[qi]
		if qi+1 < len(mentions) && !onlyCommaBetween(res, e.End, mentions[qi+1].Start) {
			chainEnd = qi + 1
		}
		end := min(chainEnd, qi+1+maxQualifiers)
		// Full slice expression: a caller appending to one query's
		// qualifiers must not overwrite the next mention's text.
		var quals []string
		if end > qi+1 {
			quals = texts[qi+1 : end : end]
		}
		q := gazetteer.Query{Text: e.Text, Qualifiers: quals}
		if e.Sentence >= 0 && e.Sentence < len(res.Sentences) {
			k := res.Sentences[e.Sentence].Kind
			q.Lead = e.Sentence == 0 || k == KindHeadline
		}
		queries[qi] = q
	}
	return queries, countryHints(gaz, res)
}

// Span is a place mention given by Unicode code point offsets into a text,
// end exclusive.
type Span struct {
	Start, End int
}

// SpanQueries builds the resolver's queries for place mentions given as
// spans of text (an annotated corpus's own toponyms), exactly as the
// pipeline builds them for its LOCATION entities: qualifiers, lead
// position and demonym hints. Spans must be sorted by Start.
func SpanQueries(gaz *gazetteer.Index, text string, spans []Span) ([]gazetteer.Query, []string) {
	res := spanResult(text, spans)
	return placeQueries(gaz, &res, res.Entities)
}

// ResolveSpans resolves place mentions given as spans of text, sorted by
// Start, as the pipeline resolves its own: resolution alone, for
// evaluation on gold spans.
func ResolveSpans(gaz *gazetteer.Index, text string, spans []Span) []Place {
	res := spanResult(text, spans)
	named, _ := resolvePlaces(context.Background(), gaz, &res, nil)
	return named
}

// spanResult tokenizes text and makes each span a LOCATION entity.
func spanResult(text string, spans []Span) Result {
	res := Result{Document: Document{Text: text}}
	res.Tokens = Tokenize(text)
	res.Sentences = Sentences(text, res.Tokens)
	runes := []rune(text)
	for _, sp := range spans {
		s, e := max(0, min(sp.Start, len(runes))), max(0, min(sp.End, len(runes)))
		if e < s {
			e = s
		}
		res.Entities = append(res.Entities, Entity{
			Text: string(runes[s:e]), Label: Location, Start: s, End: e,
			Sentence: sentenceAt(res.Sentences, s),
		})
	}
	return res
}

// maxQualifiers bounds the qualifiers of one mention. A real hierarchy
// ("Brooklyn, New York City, New York, United States") has a handful of
// levels; a longer comma chain is a list of places, where every further
// name only adds one more disagreeing qualifier to each mention before it.
// Unbounded, a list of n places costs n² qualifier lookups: a 16 KB
// article made only of "Paris, Lyon, ..." took 80 s and 3.7 GB. 50 keeps
// every list of real text seen so far whole (all the US states), so
// readings do not change; only longer, artificial lists are cut.
const maxQualifiers = 50

// onlyCommaBetween reports whether the text between code point offsets a
// and b is one comma with optional spaces.
func onlyCommaBetween(res *Result, a, b int) bool {
	commas := 0
	first := sort.Search(len(res.Tokens), func(i int) bool { return res.Tokens[i].Start >= a })
	for _, t := range res.Tokens[first:] {
		if t.Start >= b {
			break
		}
		if t.Text != "," {
			return false
		}
		commas++
	}
	return commas == 1
}

// countryHints lists the countries that demonyms in the text point to
// ("Ukrainian forces" → UA), once per mention.
func countryHints(gaz *gazetteer.Index, res *Result) []string {
	var hints []string
	for _, s := range res.Sentences {
		if s.Kind == KindBoilerplate {
			continue
		}
		for _, t := range res.Tokens[s.TokenStart:s.TokenEnd] {
			if len(t.Text) < 4 || !startsUpper(t.Text) {
				continue
			}
			if cc, ok := gaz.DemonymCountry(t.Text); ok {
				hints = append(hints, cc)
			}
		}
	}
	return hints
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && isUpperRune(r)
	}
	return false
}
