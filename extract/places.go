package extract

import (
	"math"
	"strings"

	"github.com/geoparse/geoparse/gazetteer"
)

// resolvePlaces turns the LOCATION entities into Places and resolves them
// all together against the gazetteer, so that each mention is read in the
// light of the others: "Paris" among Texan towns is Paris, Texas.
func resolvePlaces(gaz *gazetteer.Index, res *Result) []Place {
	var locs []int
	for i, e := range res.Entities {
		if e.Label == Location {
			locs = append(locs, i)
		}
	}
	if len(locs) == 0 {
		return nil
	}
	queries, hints := placeQueries(gaz, res, locs)
	resolutions := gaz.Resolve(queries, hints)
	places := make([]Place, len(locs))
	for qi, ei := range locs {
		e := res.Entities[ei]
		p := Place{Text: e.Text, Start: e.Start, End: e.End, Sentence: e.Sentence}
		if r := resolutions[qi]; r.Best != nil {
			b := r.Best
			id, lat, lon := b.ID, b.Lat, b.Lon
			p.GeoNameID, p.Lat, p.Lon = &id, &lat, &lon
			p.Name = b.Name
			p.FeatureCode = b.FeatureCode
			p.CountryCode = b.CountryCode
			p.Admin1 = b.Admin1
			p.Population = b.Population
			p.Score = math.Round(r.Score*1e4) / 1e4
		}
		places[qi] = p
	}
	return places
}

// placeQueries builds the resolver's queries for the entities locs of res:
// each mention with its "X, Y" qualifiers and its position in the
// document, and the demonym country hints of the text.
func placeQueries(gaz *gazetteer.Index, res *Result, locs []int) ([]gazetteer.Query, []string) {
	queries := make([]gazetteer.Query, len(locs))
	for qi, ei := range locs {
		e := res.Entities[ei]
		q := gazetteer.Query{Text: e.Text, Qualifiers: qualifiers(res, locs, qi)}
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
	locs := make([]int, len(res.Entities))
	for i := range locs {
		locs[i] = i
	}
	return placeQueries(gaz, &res, locs)
}

// ResolveSpans resolves place mentions given as spans of text, sorted by
// Start, as the pipeline resolves its own: resolution alone, for
// evaluation on gold spans.
func ResolveSpans(gaz *gazetteer.Index, text string, spans []Span) []Place {
	res := spanResult(text, spans)
	return resolvePlaces(gaz, &res)
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

// qualifiers returns the place mentions written right after mention qi and
// separated from it by commas only: "Izium, Kharkiv region, Ukraine".
func qualifiers(res *Result, locs []int, qi int) []string {
	var out []string
	prevEnd := res.Entities[locs[qi]].End
	for k := qi + 1; k < len(locs); k++ {
		next := res.Entities[locs[k]]
		if !onlyCommaBetween(res, prevEnd, next.Start) {
			break
		}
		out = append(out, next.Text)
		prevEnd = next.End
	}
	return out
}

// onlyCommaBetween reports whether the text between code point offsets a
// and b is one comma with optional spaces.
func onlyCommaBetween(res *Result, a, b int) bool {
	commas := 0
	for _, t := range res.Tokens {
		if t.Start < a {
			continue
		}
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

// RoleMetonym is the role of a place that stands for its government or
// people: "Kyiv launched a counteroffensive", "Moscow said".
const RoleMetonym = "metonym"

// PlaceRole returns the role of res.Places[i]: RoleMetonym when a country
// or a capital is the subject of a verb of saying, deciding or acting that
// governments do ("Kyiv launched", "Moscow said", "Washington warned",
// "Russia's government"), else "" (a place in the plain sense). The place
// stays a place either way; the role tells a map that the event is not
// located there.
func PlaceRole(res *Result, i int) string {
	if i < 0 || i >= len(res.Places) {
		return ""
	}
	p := res.Places[i]
	if !p.Resolved() {
		return ""
	}
	switch p.FeatureCode {
	case "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "PPLC":
	default:
		return ""
	}
	// The first token after the mention, and the one after that.
	var next []string
	for _, t := range res.Tokens {
		if t.Start < p.End {
			continue
		}
		next = append(next, strings.ToLower(t.Text))
		if len(next) == 3 {
			break
		}
	}
	if len(next) == 0 {
		return ""
	}
	w := next[0]
	if w == "'s" || w == "’s" || w == "'" {
		if len(next) > 1 && metonymNouns[next[1]] {
			return RoleMetonym
		}
		return ""
	}
	// "Kyiv has said", "Moscow will respond", "Beijing also warned".
	if metonymAux[w] && len(next) > 1 {
		w = next[1]
		if (w == "also" || w == "not" || w == "already") && len(next) > 2 {
			w = next[2]
		}
	} else if w == "also" && len(next) > 1 {
		w = next[1]
	}
	if metonymVerbs[w] {
		// The mention must start a clause: not "in Moscow said", which
		// is a place ("Officials in Moscow said").
		if prev := tokenBefore(res, p.Start); prev != "" && clauseBlockers[strings.ToLower(prev)] {
			return ""
		}
		return RoleMetonym
	}
	return ""
}

// tokenBefore returns the text of the token that ends at or before code
// point offset pos, "" when none.
func tokenBefore(res *Result, pos int) string {
	prev := ""
	for _, t := range res.Tokens {
		if t.End > pos {
			break
		}
		prev = t.Text
	}
	return prev
}

var clauseBlockers = setOf("in", "at", "from", "to", "near", "of", "into", "across", "outside", "inside", "around", "toward", "towards", "through", "over", "on", "via", "within")

var metonymAux = setOf("has", "have", "had", "will", "would", "could", "may", "might", "must", "should", "is", "was", "did", "does", "can")

var metonymNouns = setOf("government", "leadership", "decision", "position", "response", "demands", "demand", "refusal", "foreign", "officials", "envoy", "ambassador", "stance", "policy", "offer", "proposal", "warning", "claim", "claims", "accusations", "sanctions", "invasion", "offensive", "counteroffensive", "troops", "forces", "army", "military", "navy")

var metonymVerbs = setOf(
	"said", "says", "say", "announced", "announces", "announce", "warned", "warns", "warn",
	"launched", "launches", "launch", "accused", "accuses", "accuse", "denied", "denies", "deny",
	"claimed", "claims", "claim", "threatened", "threatens", "threaten", "demanded", "demands",
	"demand", "rejected", "rejects", "reject", "insisted", "insists", "agreed", "agrees", "agree",
	"vowed", "vows", "vow", "urged", "urges", "urge", "called", "calls", "responded", "responds",
	"respond", "retaliated", "retaliates", "retaliate", "imposed", "imposes", "impose",
	"sanctioned", "expelled", "expels", "recalled", "condemned", "condemns", "condemn",
	"blamed", "blames", "blame", "signed", "signs", "sign", "ordered", "orders", "sent", "sends",
	"deployed", "deploys", "deploy", "invaded", "invades", "invade", "attacked", "attacks",
	"struck", "strikes", "fired", "fires", "pledged", "pledges", "promised", "promises",
	"approved", "approves", "backed", "backs", "supports", "supported", "refused", "refuses",
	"insisted", "confirmed", "confirms", "declared", "declares", "hopes", "hoped", "wants",
	"wanted", "plans", "planned", "intends", "intended", "officially", "recognized", "recognises",
	"recognizes", "recognised", "protested", "protests", "summoned", "summons", "negotiated",
	"negotiates", "sought", "seeks", "annexed", "annexes", "pushed", "pushes", "stepped",
	"reiterated", "maintains", "maintained", "argued", "argues", "suspended", "suspends",
	"withdrew", "withdraws", "halted", "halts", "banned", "bans", "criticized", "criticised",
	"criticizes", "criticises", "welcomed", "welcomes", "objected", "objects", "hit", "retook",
	"recaptured", "regained", "captured", "seized", "shelled", "bombed", "mobilized", "mobilised")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
