package gazetteer

import (
	"math"
	"sort"
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

// Weights of the ranking, in log-odds units. Hand-set for now; a later
// issue learns them.
const (
	wPopulation    = 0.9 // per decade of population
	wRegionADM     = 5   // "Kharkiv region" → a division
	wRegionNotADM  = -3  // "Kharkiv region" → not the city
	wRegionCity    = -2  // "Kyiv region" → not the division "Kyiv City"
	wRegionNamed   = 1   // the division's own name has the region word
	wSeatNamesake  = -3  // bare "Kharkiv" → the city, not the oblast named after it
	wQualADM1      = 6   // "Paris, Texas": in the named division
	wQualCountry   = 4   // "Izium, Ukraine": in the named country
	wQualPlace     = 1   // qualifier is a place in the same country
	wQualMismatch  = -1  // a qualifier names a country or division elsewhere
	wCtxCountry    = 4   // the document is about this country
	wCtxAdmin1     = 2.5 // … and this division
	noneScore      = 3.5 // "none of these": the mention is not in the gazetteer
	voteCountry    = 2   // an explicit country mention
	voteOther      = 1   // a confident other mention, or a hint
	confidentVote  = 0.5 // confidence for a mention to vote
	maxCandidates  = 5
	featureUnknown = -0.5

	// Spellings found only through a romanization variant or a typo: a
	// penalty, and no reading unless it is confident.
	wVariant      = -1    // "Balakleya" → Balakliia
	wFuzzyEdit    = -3    // per edit: "Khakiv" → Kharkiv
	fuzzyMinPop   = 10000 // fuzzy matches only to towns of this size, divisions or seats
	approxMinConf = 0.5
	fuzzyLimit    = 20
)

func featureBonus(code string) float64 {
	switch featureRank(code) {
	case 8:
		return 3
	case 7:
		return 2.2
	case 6:
		return 2
	case 5:
		return 1.5
	case 4:
		return 1
	case 3:
		return 0.5
	case 2:
		return 0
	}
	return featureUnknown
}

// mention is a query being resolved.
type mention struct {
	key    string // normalized, without a leading article
	region bool   // ends in a region word
	cands  []Entry
	adjust []float64 // penalty of each candidate for an approximate spelling
	approx bool      // candidates found by variant key or fuzzy lookup only
	quals  [][]Entry
	base   []float64 // score without document context
	final  []float64
	best   int // index into cands, -1 if none
	conf   float64
}

// Resolve resolves all place mentions of one document together, so that
// each is read in the light of the others. countryHints are ISO2 codes the
// text implies (from demonyms: "Ukrainian forces" → "UA"); repeats count.
//
// It ranks in two passes: first each mention alone (population, kind of
// place, qualifiers), then again with the countries and divisions of the
// document: explicit country mentions, confident other mentions and the
// hints.
func (ix *Index) Resolve(queries []Query, countryHints []string) []Resolution {
	ms := make([]mention, len(queries))
	for i, q := range queries {
		m := &ms[i]
		m.key, m.region, m.cands, m.adjust = ix.candidates(q.Text, true)
		m.approx = m.adjust != nil
		for _, qt := range q.Qualifiers {
			if _, _, qc, _ := ix.candidates(qt, false); len(qc) > 0 {
				m.quals = append(m.quals, qc)
			}
		}
		m.base = make([]float64, len(m.cands))
		for j := range m.cands {
			m.base[j] = baseScore(m, j)
		}
		m.best, m.conf = pick(m, m.base)
	}

	// Document context: what each mention says about where the document
	// is, keyed by mention text so that a mention repeated does not vote for
	// itself.
	type vote struct {
		country, admin1 string
		w               float64
	}
	votesByKey := map[string][]vote{}
	for i := range ms {
		m := &ms[i]
		if m.best < 0 || m.conf < confidentVote {
			continue
		}
		e := &m.cands[m.best]
		v := vote{country: e.CountryCode, w: voteOther}
		if e.IsCountry() {
			v.w = voteCountry
		} else if e.Admin1 != "" {
			v.admin1 = e.CountryCode + "." + e.Admin1
		}
		if v.country != "" && len(votesByKey[m.key]) == 0 {
			votesByKey[m.key] = append(votesByKey[m.key], v)
		}
	}
	for _, h := range countryHints {
		if h = strings.ToUpper(strings.TrimSpace(h)); len(h) == 2 {
			votesByKey["\x00hint"] = append(votesByKey["\x00hint"], vote{country: h, w: voteOther})
		}
	}

	out := make([]Resolution, len(ms))
	for i := range ms {
		m := &ms[i]
		countries, admins := map[string]float64{}, map[string]float64{}
		var cTotal, aTotal float64
		for k, vs := range votesByKey {
			if k == m.key {
				continue
			}
			for _, v := range vs {
				countries[v.country] += v.w
				cTotal += v.w
				if v.admin1 != "" {
					admins[v.admin1] += v.w
					aTotal += v.w
				}
			}
		}
		m.final = make([]float64, len(m.cands))
		for j := range m.cands {
			e := &m.cands[j]
			s := m.base[j]
			if cTotal > 0 {
				s += wCtxCountry * countries[e.CountryCode] / (cTotal + 1)
			}
			if aTotal > 0 && e.Admin1 != "" && !e.IsCountry() {
				s += wCtxAdmin1 * admins[e.CountryCode+"."+e.Admin1] / (aTotal + 1)
			}
			m.final[j] = s
		}
		m.best, m.conf = pick(m, m.final)
		out[i] = m.resolution()
	}
	return out
}

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

// baseScore scores candidate j of m without document context.
func baseScore(m *mention, j int) float64 {
	e := &m.cands[j]
	s := wPopulation*math.Log10(float64(e.Population)+1) + featureBonus(e.FeatureCode)
	adm := e.FeatureClass == "A" && !e.IsCountry()
	switch {
	case m.region && adm:
		s += wRegionADM
		n := Normalize(e.Name)
		if strings.HasSuffix(n, " city") {
			s += wRegionCity
		}
		if _, ok := regionHead(n); ok {
			s += wRegionNamed
		}
	case m.region:
		s += wRegionNotADM
	case adm && seatNamesake(m.cands, e):
		s += wSeatNamesake
	}
	for _, qc := range m.quals {
		s += qualifierScore(e, qc)
	}
	if m.adjust != nil {
		s += m.adjust[j]
	}
	return s
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

// qualifierScore: how well candidate e agrees with one qualifier, given the
// qualifier's own candidates. The best agreement counts.
func qualifierScore(e *Entry, qc []Entry) float64 {
	best, names := 0.0, false
	for k := range qc {
		q := &qc[k]
		switch {
		case q.IsCountry():
			names = true
			if q.CountryCode == e.CountryCode && !e.IsCountry() {
				best = math.Max(best, wQualCountry)
			}
		case q.IsAdmin1():
			names = true
			if q.CountryCode == e.CountryCode && q.Admin1 == e.Admin1 && !e.IsAdmin1() {
				best = math.Max(best, wQualADM1)
			} else if q.CountryCode == e.CountryCode && e.IsAdmin1() {
				best = math.Max(best, wQualPlace)
			}
		case q.ID != e.ID && q.CountryCode == e.CountryCode:
			best = math.Max(best, wQualPlace)
		}
	}
	if best == 0 && names {
		return wQualMismatch
	}
	return best
}

// pick chooses the best candidate and its probability against its
// namesakes and "none of these".
func pick(m *mention, scores []float64) (int, float64) {
	if len(scores) == 0 {
		return -1, 0
	}
	best := 0
	for j := 1; j < len(scores); j++ {
		if scores[j] > scores[best] || scores[j] == scores[best] && m.cands[j].ID < m.cands[best].ID {
			best = j
		}
	}
	if m.region && m.cands[best].FeatureClass != "A" {
		// "Lamar County" with no such division: the town of Lamar would be
		// a wrong point on the map.
		return -1, 0
	}
	z := math.Exp(noneScore - scores[best])
	for _, s := range scores {
		z += math.Exp(s - scores[best])
	}
	if m.approx && 1/z < approxMinConf {
		// A spelling that is not the name of any entry: read it only when
		// one candidate stands out.
		return -1, 0
	}
	return best, 1 / z
}

func (m *mention) resolution() Resolution {
	var r Resolution
	if len(m.cands) == 0 {
		return r
	}
	top := scoreMax(m.final)
	z := math.Exp(noneScore - top)
	for _, s := range m.final {
		z += math.Exp(s - top)
	}
	order := make([]int, len(m.cands))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool {
		sa, sb := m.final[order[a]], m.final[order[b]]
		if sa != sb {
			return sa > sb
		}
		return m.cands[order[a]].ID < m.cands[order[b]].ID
	})
	if len(order) > maxCandidates {
		order = order[:maxCandidates]
	}
	r.Candidates = make([]Candidate, len(order))
	for k, j := range order {
		r.Candidates[k] = Candidate{Entry: m.cands[j], Score: math.Exp(m.final[j]-top) / z}
	}
	if m.best >= 0 {
		best := m.cands[m.best]
		r.Best, r.Score = &best, m.conf
	}
	return r
}

func scoreMax(s []float64) float64 {
	m := math.Inf(-1)
	for _, v := range s {
		m = math.Max(m, v)
	}
	return m
}
