package gazetteer

import (
	"math"
	"strings"
)

// Query is one place mention of a document.
type Query struct {
	// Text is the mention as written: "Paris", "Kharkiv region", "Izium".
	Text string
	// Qualifiers are places written right after it, nearest first:
	// "Paris, Texas" → ["Texas"]; "Izium, Kharkiv region, Ukraine" →
	// ["Kharkiv region", "Ukraine"].
	Qualifiers []string
	// Lead marks a mention in the headline, dateline or first sentence:
	// the place the story is about, more often than not.
	Lead bool
}

// Candidate is an entry a mention may refer to, with its probability.
type Candidate struct {
	Entry Entry
	Score float64
}

// Resolution is the reading of one mention.
type Resolution struct {
	// Best is the chosen entry; nil leaves the mention unresolved.
	Best *Entry
	// Score is the confidence in Best, 0–1: the probability the ranking
	// gives it against its namesakes and against "none of these".
	Score float64
	// Candidates are the top few, best first.
	Candidates []Candidate
}

// Limits of candidate generation.
const (
	maxCandidates = 5     // Resolution.Candidates kept
	fuzzyMinPop   = 10000 // fuzzy matches only to towns of this size, divisions or seats
	approxMinConf = 0.5   // an approximate spelling is read only this sure
	fuzzyLimit    = 20
)

// How a candidate was found.
const (
	matchExact   = 0 // the mention is one of its names
	matchVariant = 1 // a romanization variant: "Balakleya" → Balakliia
	matchFuzzy   = 2 // typo distance in edits: "Khakiv" → Kharkiv
)

// mention is a query being resolved.
type mention struct {
	mentionLookup
	lead  bool
	quals []*qualifier // each qualifier's candidates, summarized
	feats [][nFeatures]float64
	none  [nNoneFeatures]float64
	probs []float64 // of each candidate, after the last pass
	pNone float64
	best  int // index into cands, -1 if none
	conf  float64
}

// mentionLookup is what lookupMention finds for a mention's text: the
// same for every mention of that text.
type mentionLookup struct {
	key    string // normalized, without a leading article
	head   string // for "X region", X
	region bool   // ends in a region word
	cands  []Entry
	match  []int   // how each candidate was found: matchExact …
	edits  []int   // fuzzy edits
	from   []uint8 // 0 name, 1 demonym, 2 abbreviation
	approx bool    // candidates found by variant key or fuzzy lookup only
}

// Resolve resolves all place mentions of one document together, so that
// each is read in the light of the others. countryHints are ISO2 codes the
// text implies (from demonyms: "Ukrainian forces" → "UA"); repeats count.
//
// It ranks with the embedded learned model (see Ranker) in two passes:
// first each mention alone (population, kind of place, how the name
// matched, qualifiers), then again with the document: countries and
// divisions of the other mentions, demonym hints, distance to the other
// places and the lead (headline, dateline) place.
func (ix *Index) Resolve(queries []Query, countryHints []string) []Resolution {
	return DefaultRanker().Resolve(ix, queries, countryHints)
}

// prepare looks every mention up and computes its context-free features.
func (ix *Index) prepare(queries []Query) []mention {
	ms := make([]mention, len(queries))
	// Qualifiers repeat ("..., Ukraine" after every town of a story) and
	// each has up to a few hundred candidates: look each text up once and
	// share the (read-only) list, which keeps a long list of places from
	// costing a copy of every qualifier's candidates per mention.
	qualCands := map[string]*qualifier{}
	// A place is named again and again in a story ("Izium" six times):
	// later mentions of a text share the first one's lookup, also
	// read-only from here on.
	looked := map[string]*mention{}
	for i, q := range queries {
		m := &ms[i]
		m.lead = q.Lead
		if first, ok := looked[q.Text]; ok {
			m.mentionLookup = first.mentionLookup
		} else {
			ix.lookupMention(m, q.Text)
			looked[q.Text] = m
		}
		for _, qt := range q.Qualifiers {
			qc, ok := qualCands[qt]
			if !ok {
				qc = summarizeQualifier(ix.qualifierCandidates(qt))
				qualCands[qt] = qc
			}
			if qc != nil {
				m.quals = append(m.quals, qc)
			}
		}
		m.feats = make([][nFeatures]float64, len(m.cands))
		for j := range m.cands {
			baseFeatures(m, j, &m.feats[j])
		}
		noneFeatures(m)
		m.best = -1
	}
	return ms
}

// qualifierCandidates looks a qualifier up: exact names, abbreviations
// ("Texas", "Tex.", "TX").
func (ix *Index) qualifierCandidates(text string) []Entry {
	_, _, qc, _ := ix.candidates(text, false)
	if e, ok := ix.abbreviation(text, true); ok {
		// "Paris, Mo.": the state, not Mo i Rana.
		return []Entry{e}
	}
	return qc
}

// lookupMention fills the candidates of m.
func (ix *Index) lookupMention(m *mention, text string) {
	key, region, cands, adjust := ix.candidates(text, true)
	m.key, m.region, m.cands = key, region, cands
	if region {
		m.head, _ = regionHead(key)
	}
	m.match = make([]int, len(cands))
	m.edits = make([]int, len(cands))
	m.from = make([]uint8, len(cands))
	if adjust != nil {
		m.approx = true
		for j, a := range adjust {
			if a == wVariant {
				m.match[j] = matchVariant
			} else {
				m.match[j] = matchFuzzy
				m.edits[j] = int(math.Round(a / wFuzzyEdit))
			}
		}
	}
	// AP abbreviations ("Ky.", "B.C.") and demonyms used as toponyms
	// ("Turkish troops", annotated as Turkey) when nothing else matched
	// exactly.
	if e, ok := continent(key); ok {
		m.cands = append([]Entry{e}, m.cands...)
		m.match = append([]int{matchExact}, m.match...)
		m.edits = append([]int{0}, m.edits...)
		m.from = append([]uint8{0}, m.from...)
		if m.approx {
			m.cands, m.match, m.edits, m.from = m.cands[:1], m.match[:1], m.edits[:1], m.from[:1]
			m.approx = false
		}
		return
	}
	if e, ok := ix.abbreviation(text, false); ok {
		if m.approx {
			m.cands, m.match, m.edits, m.from = nil, nil, nil, nil
			m.approx = false
		}
		if !containsID(m.cands, e.ID) {
			m.cands = append([]Entry{e}, m.cands...)
			m.match = append([]int{matchExact}, m.match...)
			m.edits = append([]int{0}, m.edits...)
			m.from = append([]uint8{2}, m.from...)
		}
		return
	}
	if cc, ok := ix.DemonymCountry(strings.TrimSpace(text)); ok && len(text) >= 4 {
		if e, ok := ix.Country(cc); ok && !containsID(m.cands, e.ID) {
			if m.approx {
				m.cands, m.match, m.edits, m.from = nil, nil, nil, nil
				m.approx = false
			}
			m.cands = append([]Entry{e}, m.cands...)
			m.match = append([]int{matchExact}, m.match...)
			m.edits = append([]int{0}, m.edits...)
			m.from = append([]uint8{1}, m.from...)
		}
	}
}

// Penalties the candidate generation reports for approximate spellings;
// the ranker learns its own weights for them.
const (
	wVariant   = -1
	wFuzzyEdit = -3
)

// candidates looks a mention up: its own name, and for "X region" also X.
// When neither has an exact match, romanization variants are tried, and
// then, with fuzzy, names within FuzzyDistance edits (only towns of
// fuzzyMinPop people or more, seats and divisions, to keep false readings
// rare). adjust is
// nil for exact matches, else the penalty of each candidate.
func (ix *Index) candidates(text string, fuzzy bool) (key string, region bool, cands []Entry, adjust []float64) {
	raw := strings.TrimSpace(text)
	for _, suf := range []string{"'s", "’s"} { // "Ukraine's"
		raw = strings.TrimSuffix(raw, suf)
	}
	if len(raw) > 4 && strings.EqualFold(raw[:4], "the ") {
		raw = strings.TrimSpace(raw[4:])
	}
	cands, variant := ix.appendLookup(nil, raw)
	key = Normalize(raw)
	if head, ok := regionHead(key); ok {
		region = true
		hc, hv := ix.appendLookup(nil, head)
		if len(cands) == 0 {
			variant = hv
		} else if hv {
			hc = nil // a variant of the head does not join exact matches
		}
		// The division under its own region word: "Kyiv region" → "Kyiv
		// Oblast".
		for _, w := range [...]string{"oblast", "region", "province", "state", "governorate", "prefecture", "county"} {
			if k := head + " " + w; k != key {
				hc = ix.appendKey(hc, k)
			}
		}
		for _, e := range hc {
			if !containsID(cands, e.ID) {
				cands = append(cands, e)
			}
		}
	}
	if variant {
		adjust = make([]float64, len(cands))
		for j := range adjust {
			adjust[j] = wVariant
		}
		return key, region, cands, adjust
	}
	if len(cands) > 0 || !fuzzy || region || FuzzyDistance(key) == 0 {
		return key, region, cands, nil
	}
	for _, m := range ix.LookupFuzzy(key, fuzzyLimit) {
		if m.Distance == 0 || m.Population < fuzzyMinPop && featureRank(m.FeatureCode) < 3 {
			continue
		}
		cands = append(cands, m.Entry)
		adjust = append(adjust, wFuzzyEdit*float64(m.Distance))
	}
	return key, region, cands, adjust
}

// seatNamesake reports whether a division shares the mention with a place
// inside it or with a capital or seat of its country: then a bare mention
// means the city ("Kharkiv", "Kyiv", "New York").
func seatNamesake(cands []Entry, adm *Entry) bool {
	for k := range cands {
		c := &cands[k]
		if c.FeatureClass != "P" || c.CountryCode != adm.CountryCode {
			continue
		}
		if c.Admin1 == adm.Admin1 || c.FeatureCode == "PPLC" || c.FeatureCode == "PPLA" {
			return true
		}
	}
	return false
}

// Candidates returns every entry the resolver considers for a mention
// written text, before ranking: exact, alternate and region-word matches,
// romanization variants and, failing those, fuzzy matches, AP
// abbreviations ("Ky.") and demonyms ("Turkish").
func (ix *Index) Candidates(text string) []Entry {
	var m mention
	ix.lookupMention(&m, text)
	return m.cands
}

// EntryAt returns entry i, 0 ≤ i < Len(), in index order (countries,
// divisions, then places).
func (ix *Index) EntryAt(i int) Entry { return ix.entry(uint32(i)) }

// DistanceKm is the great-circle distance between two points, in km.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	return distanceKm(lat1, lon1, lat2, lon2)
}
