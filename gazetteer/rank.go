package gazetteer

import (
	"crypto/sha256"
	_ "embed" // for the default resolver weights
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
)

// Features of a candidate. The first group needs the mention alone; the
// second (from fCtxCountry) the rest of the document.
const (
	fLogPop       = iota // log10(population+1)
	fRelPop              // the same, minus that of the most populous namesake
	fCountry             // feature class and code: PCLI …
	fADM1                // ADM1
	fPPLC                // capital
	fPPLA                // seat of a first-level division
	fPPLA2               // seat of a second-level division
	fPPLA34              // lower seats
	fPPL                 // populated place
	fContinent           // a continent
	fPrimary             // the mention is the entry's preferred name
	fAlternate           // … one of its alternate names
	fVariant             // … a romanization variant
	fFuzzy               // … within this many edits
	fRegionADM           // "Kharkiv region" and the entry is a division
	fRegionNotADM        // "Kharkiv region" and it is not
	fRegionCity          // "Kyiv region" and the division is "Kyiv City"
	fRegionNamed         // the division's own name has the region word
	fSeatNamesake        // a division named like a city in it ("Kharkiv")
	fQualADM1            // "Paris, Texas": in the named division
	fQualCountry         // "Izium, Ukraine": in the named country
	fQualPlace           // the qualifier is a place of the same country
	fQualMismatch        // a qualifier names a country or division elsewhere
	fDemonym             // "Turkish" read as Turkey
	fAbbrev              // "Ky." read as Kentucky
	fCtxCountry          // share of the other mentions in the entry's country
	fCtxAdmin1           // … in its first-level division
	fHint                // share of demonym hints for its country
	fCountryNamed        // its country is named in the document
	fNear                // nearness to the other places of the document
	fLeadCountry         // its country is that of the headline or dateline place
	fTopCountry          // its country is the one the other mentions favour most
	fTopAdmin1           // … its first-level division
	nFeatures
)

// Features of "none of these": the mention is not in the gazetteer.
const (
	gBias      = iota
	gApprox    // candidates found by variant or fuzzy lookup only
	gNoPrimary // no candidate has the mention as its preferred name
	gMaxPop    // log10 population of the most populous candidate
	gLogCands  // log(1+number of candidates)
	gRegion    // "X region"
	nNoneFeatures
)

const firstContext = fCtxCountry

var featureNames = [nFeatures]string{
	"log_pop", "rel_pop", "country", "adm1", "pplc", "ppla", "ppla2", "ppla34", "ppl", "continent",
	"primary_name", "alternate_name", "variant", "fuzzy_edits",
	"region_adm", "region_not_adm", "region_city", "region_named", "seat_namesake",
	"qual_adm1", "qual_country", "qual_place", "qual_mismatch", "demonym", "abbreviation",
	"ctx_country", "ctx_admin1", "hint_country", "country_named", "near", "lead_country", "top_country", "top_admin1",
}

var noneNames = [nNoneFeatures]string{"bias", "approx", "no_primary", "max_pop", "log_cands", "region"}

// layer is the weights of one pass.
type layer struct {
	W [nFeatures]float64
	N [nNoneFeatures]float64
}

// Ranker is the learned ranking of the resolver: a conditional logit
// (softmax) over a mention's candidates and "none of these", in two passes
// (the second sees the document context the first produced). Train it with
// TrainRanker; the embedded one is DefaultRanker.
type Ranker struct {
	pass1, pass2 layer
}

//go:embed resolver/weights.json
var defaultWeights []byte

var (
	defaultOnce   sync.Once
	defaultRanker *Ranker
)

// DefaultRanker returns the embedded ranker (gazetteer/resolver/weights.json,
// written by "geoparse train resolver").
func DefaultRanker() *Ranker {
	defaultOnce.Do(func() {
		r, err := LoadRanker(strings.NewReader(string(defaultWeights)))
		if err != nil {
			panic(fmt.Sprintf("gazetteer: embedded resolver weights: %v", err))
		}
		defaultRanker = r
	})
	return defaultRanker
}

type layerJSON struct {
	Candidate map[string]float64 `json:"candidate"`
	None      map[string]float64 `json:"none"`
}

type rankerJSON struct {
	Format string    `json:"format"`
	Pass1  layerJSON `json:"pass1"`
	Pass2  layerJSON `json:"pass2"`
}

const rankerFormat = "geoparse-resolver-1"

// LoadRanker reads ranker weights written by Save.
func LoadRanker(r io.Reader) (*Ranker, error) {
	var j rankerJSON
	if err := json.NewDecoder(r).Decode(&j); err != nil {
		return nil, fmt.Errorf("resolver weights: %w", err)
	}
	if j.Format != rankerFormat {
		return nil, fmt.Errorf("resolver weights: format %q, want %q", j.Format, rankerFormat)
	}
	rk := &Ranker{}
	for _, p := range []struct {
		src *layerJSON
		dst *layer
	}{{&j.Pass1, &rk.pass1}, {&j.Pass2, &rk.pass2}} {
		for k, n := range featureNames {
			p.dst.W[k] = p.src.Candidate[n]
		}
		for k, n := range noneNames {
			p.dst.N[k] = p.src.None[n]
		}
	}
	return rk, nil
}

// LoadRankerFile reads ranker weights from a file.
func LoadRankerFile(path string) (*Ranker, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := LoadRanker(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Save writes the weights as JSON; the same weights give the same bytes.
func (r *Ranker) Save(w io.Writer) error {
	j := rankerJSON{Format: rankerFormat}
	for _, p := range []struct {
		src *layer
		dst *layerJSON
	}{{&r.pass1, &j.Pass1}, {&r.pass2, &j.Pass2}} {
		p.dst.Candidate = map[string]float64{}
		p.dst.None = map[string]float64{}
		for k, n := range featureNames {
			p.dst.Candidate[n] = roundWeight(p.src.W[k])
		}
		for k, n := range noneNames {
			p.dst.None[n] = roundWeight(p.src.N[k])
		}
	}
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func roundWeight(v float64) float64 {
	v = math.Round(v*1e4) / 1e4
	if v == 0 {
		return 0 // no "-0"
	}
	return v
}

// Resolve is Index.Resolve with this ranker's weights.
func (r *Ranker) Resolve(ix *Index, queries []Query, countryHints []string) []Resolution {
	ms := ix.prepare(queries)
	for i := range ms {
		r.pass1.rank(&ms[i])
	}
	documentContext(ms, countryHints)
	out := make([]Resolution, len(ms))
	for i := range ms {
		r.pass2.rank(&ms[i])
		out[i] = ms[i].resolution()
	}
	return out
}

// scores returns the candidates' and none's scores.
func (l *layer) scores(m *mention, dst []float64) ([]float64, float64) {
	dst = dst[:0]
	for j := range m.feats {
		s := 0.0
		for k, v := range m.feats[j] {
			if v != 0 {
				s += l.W[k] * v
			}
		}
		dst = append(dst, s)
	}
	none := 0.0
	for k, v := range m.none {
		none += l.N[k] * v
	}
	return dst, none
}

// rank sets m's probabilities, best candidate and confidence.
func (l *layer) rank(m *mention) {
	m.best, m.conf, m.pNone = -1, 0, 1
	if len(m.cands) == 0 {
		m.probs = m.probs[:0]
		return
	}
	sc, none := l.scores(m, m.probs)
	m.probs, m.pNone = softmax(sc, none)
	best := 0
	for j := 1; j < len(m.probs); j++ {
		if m.probs[j] > m.probs[best] || m.probs[j] == m.probs[best] && m.cands[j].ID < m.cands[best].ID {
			best = j
		}
	}
	if m.region && m.cands[best].FeatureClass != "A" {
		// "Lamar County" with no such division: the town of Lamar would be
		// a wrong point on the map.
		return
	}
	if m.approx && m.probs[best] < approxMinConf*(1-m.pNone) {
		// A spelling that is not the name of any entry: read it only when
		// one candidate stands out among its namesakes (its confidence,
		// which counts "none of these" too, stays low).
		return
	}
	m.best, m.conf = best, m.probs[best]
}

// softmax turns scores into probabilities in place; the last one is
// "none".
func softmax(sc []float64, none float64) ([]float64, float64) {
	top := none
	for _, s := range sc {
		top = math.Max(top, s)
	}
	z := math.Exp(none - top)
	for j, s := range sc {
		sc[j] = math.Exp(s - top)
		z += sc[j]
	}
	for j := range sc {
		sc[j] /= z
	}
	return sc, math.Exp(none-top) / z
}

// baseFeatures computes the context-free features of candidate j.
func baseFeatures(m *mention, j int, f *[nFeatures]float64) {
	e := &m.cands[j]
	pop := math.Log10(float64(e.Population) + 1)
	f[fLogPop] = pop
	f[fRelPop] = pop - maxLogPop(m)
	switch e.FeatureCode {
	case "PCLI":
		f[fCountry] = 1
	case "ADM1":
		f[fADM1] = 1
	case "PPLC":
		f[fPPLC] = 1
	case "PPLA":
		f[fPPLA] = 1
	case "PPLA2":
		f[fPPLA2] = 1
	case "PPLA3", "PPLA4":
		f[fPPLA34] = 1
	case "PPL":
		f[fPPL] = 1
	case "CONT":
		f[fContinent] = 1
	}
	switch m.match[j] {
	case matchVariant:
		f[fVariant] = 1
	case matchFuzzy:
		f[fFuzzy] = float64(m.edits[j])
	default:
		switch m.from[j] {
		case 1:
			f[fDemonym] = 1
		case 2:
			f[fAbbrev] = 1
		default:
			n := Normalize(e.Name)
			h, _ := regionHead(n)
			if n == m.key || m.region && (n == m.head || h == m.head) {
				f[fPrimary] = 1
			} else {
				f[fAlternate] = 1
			}
		}
	}
	adm := e.FeatureClass == "A" && !e.IsCountry()
	switch {
	case m.region && adm:
		f[fRegionADM] = 1
		n := Normalize(e.Name)
		if strings.HasSuffix(n, " city") {
			f[fRegionCity] = 1
		}
		if _, ok := regionHead(n); ok {
			f[fRegionNamed] = 1
		}
	case m.region:
		f[fRegionNotADM] = 1
	case adm && seatNamesake(m.cands, e):
		f[fSeatNamesake] = 1
	}
	for _, qc := range m.quals {
		switch qualifierAgreement(e, qc) {
		case fQualADM1:
			f[fQualADM1]++
		case fQualCountry:
			f[fQualCountry]++
		case fQualPlace:
			f[fQualPlace]++
		case fQualMismatch:
			f[fQualMismatch]++
		}
	}
}

func maxLogPop(m *mention) float64 {
	var p int64
	for k := range m.cands {
		p = max(p, m.cands[k].Population)
	}
	return math.Log10(float64(p) + 1)
}

func noneFeatures(m *mention) {
	m.none = [nNoneFeatures]float64{}
	m.none[gBias] = 1
	if m.approx {
		m.none[gApprox] = 1
	}
	m.none[gNoPrimary] = 1
	for j := range m.feats {
		if m.feats[j][fPrimary] != 0 || m.feats[j][fDemonym] != 0 || m.feats[j][fAbbrev] != 0 {
			m.none[gNoPrimary] = 0
		}
	}
	if len(m.cands) > 0 {
		m.none[gMaxPop] = maxLogPop(m)
	}
	m.none[gLogCands] = math.Log(1 + float64(len(m.cands)))
	if m.region {
		m.none[gRegion] = 1
	}
}

// qualifier is what qualifierAgreement needs of one qualifier's
// candidates, gathered once per qualifier text: a list of places is a
// chain of qualifiers each with up to hundreds of candidates, and
// comparing every candidate of a mention with every candidate of each
// of its qualifiers made a long list cost seconds per kilobyte.
type qualifier struct {
	// names: some candidate is a country or a first-level division.
	names bool
	// countries are the country codes of its country candidates.
	countries map[string]bool
	// admin1s are the (country, admin1) codes of its ADM1 candidates, and
	// admin1Countries their country codes.
	admin1s         map[[2]string]bool
	admin1Countries map[string]bool
	// places holds, by country code, the ids of its other candidates:
	// the first one, and whether there are others.
	places map[string]placeIDs
}

type placeIDs struct {
	first  int64
	others bool
}

// summarizeQualifier gathers the candidates of a qualifier; nil when it
// has none.
func summarizeQualifier(qc []Entry) *qualifier {
	if len(qc) == 0 {
		return nil
	}
	q := &qualifier{
		countries:       map[string]bool{},
		admin1s:         map[[2]string]bool{},
		admin1Countries: map[string]bool{},
		places:          map[string]placeIDs{},
	}
	for k := range qc {
		c := &qc[k]
		switch {
		case c.IsCountry():
			q.names = true
			q.countries[c.CountryCode] = true
		case c.IsAdmin1():
			q.names = true
			q.admin1s[[2]string{c.CountryCode, c.Admin1}] = true
			q.admin1Countries[c.CountryCode] = true
		default:
			ids, ok := q.places[c.CountryCode]
			if !ok {
				ids.first = c.ID
			} else if c.ID != ids.first {
				ids.others = true
			}
			q.places[c.CountryCode] = ids
		}
	}
	return q
}

// qualifierAgreement tells how candidate e agrees with one qualifier:
// the best agreement with any of the qualifier's candidates counts, as a
// feature index (a division of e's country and admin1 code, e's country,
// another place of e's country, in that order), or -1 for none.
func qualifierAgreement(e *Entry, q *qualifier) int {
	switch {
	case !e.IsAdmin1() && q.admin1s[[2]string{e.CountryCode, e.Admin1}]:
		return fQualADM1
	case !e.IsCountry() && q.countries[e.CountryCode]:
		return fQualCountry
	case e.IsAdmin1() && q.admin1Countries[e.CountryCode]:
		return fQualPlace
	}
	if ids, ok := q.places[e.CountryCode]; ok && (ids.others || ids.first != e.ID) {
		return fQualPlace
	}
	if q.names {
		return fQualMismatch
	}
	return -1
}

// documentContext sets the context features of every mention from the
// first pass's readings of the others. A mention repeated does not vote
// for itself: votes are keyed by mention text.
func documentContext(ms []mention, countryHints []string) {
	type vote struct {
		e    *Entry
		w    float64
		lead bool
	}
	votes := map[string]vote{}
	var keys []string
	for i := range ms {
		m := &ms[i]
		if m.best < 0 || m.cands[m.best].CountryCode == "" {
			continue
		}
		v, seen := votes[m.key]
		if !seen {
			keys = append(keys, m.key)
		}
		if !seen || m.conf > v.w {
			v.e, v.w = &m.cands[m.best], m.conf
		}
		v.lead = v.lead || m.lead
		votes[m.key] = v
	}
	sort.Strings(keys)
	hints := map[string]float64{}
	nHints := 0.0
	for _, h := range countryHints {
		if h = strings.ToUpper(strings.TrimSpace(h)); len(h) == 2 {
			hints[h]++
			nHints++
		}
	}
	countries, admins := map[string]float64{}, map[string]float64{}
	named, leads := map[string]float64{}, map[string]float64{}
	var cTotal, aTotal float64
	for _, k := range keys {
		v := votes[k]
		w := v.w
		if v.e.IsCountry() {
			w *= 2
			if v.w >= 0.5 {
				named[v.e.CountryCode]++
			}
		} else if v.e.Admin1 != "" {
			admins[v.e.CountryCode+"."+v.e.Admin1] += v.w
			aTotal += v.w
		}
		countries[v.e.CountryCode] += w
		cTotal += w
		if v.lead && v.w >= 0.5 {
			leads[v.e.CountryCode]++
		}
	}
	// The confident places of the document, for distances.
	type point struct {
		key                 string
		id                  int64
		sinLat, cosLat, lon float64
	}
	var pts []point
	for _, k := range keys {
		v := votes[k]
		if v.w < 0.5 || v.e.IsCountry() {
			continue
		}
		la := v.e.Lat * math.Pi / 180
		pts = append(pts, point{k, v.e.ID, math.Sin(la), math.Cos(la), v.e.Lon * math.Pi / 180})
	}
	// top returns the key with the most weight once own is taken out.
	top := func(votes map[string]float64, own string, w float64) string {
		best, bw := "", 0.0
		for k, v := range votes {
			if k == own {
				v -= w
			}
			if v > bw+1e-9 || v > bw-1e-9 && v > 0 && k < best {
				best, bw = k, v
			}
		}
		return best
	}
	for i := range ms {
		m := &ms[i]
		own, hasOwn := votes[m.key]
		topC, topA := top(countries, "", 0), top(admins, "", 0)
		if hasOwn {
			w := own.w
			if own.e.IsCountry() {
				w *= 2
			}
			topC = top(countries, own.e.CountryCode, w)
			if !own.e.IsCountry() && own.e.Admin1 != "" {
				topA = top(admins, own.e.CountryCode+"."+own.e.Admin1, own.w)
			}
		}
		for j := range m.cands {
			e := &m.cands[j]
			f := &m.feats[j]
			for k := firstContext; k < nFeatures; k++ {
				f[k] = 0
			}
			cc := e.CountryCode
			c, ct := countries[cc], cTotal
			a, at := 0.0, aTotal
			ak := cc + "." + e.Admin1
			if e.Admin1 != "" {
				a = admins[ak]
			}
			nm, ld := named[cc], leads[cc]
			if hasOwn {
				w := own.w
				if own.e.IsCountry() {
					w *= 2
					if own.w >= 0.5 && own.e.CountryCode == cc {
						nm--
					}
				} else if own.e.Admin1 != "" {
					at -= own.w
					if own.e.CountryCode+"."+own.e.Admin1 == ak && e.Admin1 != "" {
						a -= own.w
					}
				}
				ct -= w
				if own.e.CountryCode == cc {
					c -= w
					if own.lead && own.w >= 0.5 {
						ld--
					}
				}
			}
			if ct > 1e-9 {
				f[fCtxCountry] = math.Max(0, c) / (ct + 1)
			}
			if at > 1e-9 && e.Admin1 != "" && !e.IsCountry() {
				f[fCtxAdmin1] = math.Max(0, a) / (at + 1)
			}
			if nHints > 0 {
				f[fHint] = hints[cc] / (nHints + 1)
			}
			if nm > 0.5 && !e.IsCountry() {
				f[fCountryNamed] = 1
			}
			if ld > 0.5 {
				f[fLeadCountry] = 1
			}
			if cc == topC && !e.IsCountry() {
				f[fTopCountry] = 1
			}
			if ak == topA && e.Admin1 != "" && !e.IsCountry() && !e.IsAdmin1() {
				f[fTopAdmin1] = 1
			}
			if !e.IsCountry() && len(pts) > 0 {
				// The nearest other place: the largest cosine of the
				// central angle, one cosine a pair.
				la, lo := e.Lat*math.Pi/180, e.Lon*math.Pi/180
				sa, ca := math.Sin(la), math.Cos(la)
				bestCos, found := -2.0, false
				for _, p := range pts {
					if p.key == m.key || p.id == e.ID {
						continue
					}
					c := sa*p.sinLat + ca*p.cosLat*math.Cos(lo-p.lon)
					if c > bestCos {
						bestCos, found = c, true
					}
				}
				if found {
					d := 6371.0088 * math.Acos(math.Max(-1, math.Min(1, bestCos)))
					f[fNear] = 1 - math.Min(math.Log10(1+d), 4)/4
				}
			}
		}
	}
}

func (m *mention) resolution() Resolution {
	var r Resolution
	if len(m.cands) == 0 {
		return r
	}
	order := make([]int, len(m.cands))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := m.probs[order[a]], m.probs[order[b]]
		if pa != pb {
			return pa > pb
		}
		return m.cands[order[a]].ID < m.cands[order[b]].ID
	})
	if len(order) > maxCandidates {
		order = order[:maxCandidates]
	}
	r.Candidates = make([]Candidate, len(order))
	for k, j := range order {
		r.Candidates[k] = Candidate{Entry: m.cands[j], Score: m.probs[j]}
	}
	if m.best >= 0 {
		best := m.cands[m.best]
		r.Best, r.Score = &best, m.conf
	}
	return r
}

// DefaultRankerDigest returns the size and SHA-256 (hex) of the embedded
// ranker's weights, which identify them (geoparse version prints them).
func DefaultRankerDigest() (size int, sha256Hex string) {
	sum := sha256.Sum256(defaultWeights)
	return len(defaultWeights), hex.EncodeToString(sum[:])
}
