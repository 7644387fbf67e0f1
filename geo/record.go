package geo

import (
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/extract/timex"
)

// Properties are the flat attributes of an event record: the GeoJSON
// feature properties. Every member is always written.
type Properties struct {
	// DocID, Title and URL identify the source document. DocID is the
	// input's id, or when it gave none the hash of the text
	// (extract.TextID): never a file name, so outputs merge across runs.
	DocID string `json:"doc_id"`
	// Source is where the document was read from ("articles.jsonl:12",
	// "article.txt", "stdin"), "" when unknown (an API request).
	Source string `json:"source"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	// Published is the publication day, YYYY-MM-DD, or "" when unknown.
	Published string `json:"published"`
	// Place is the gazetteer name of the place; PlaceText the mention as
	// written.
	Place     string `json:"place"`
	PlaceText string `json:"place_text"`
	// GeoNameID and the following members describe the gazetteer entry.
	GeoNameID   int64  `json:"geonameid"`
	FeatureCode string `json:"feature_code"`
	CountryCode string `json:"country_code"`
	Admin1      string `json:"admin1"`
	Population  int64  `json:"population"`
	// Date is the event's normalized date (YYYY-MM-DD or a coarser TIMEX3
	// value such as "2022-09"), "" when unknown.
	Date string `json:"date"`
	// DateStart and DateEnd are the first and last day (YYYY-MM-DD) of
	// Date's interval ("2022-W36" → 2022-09-05 and 2022-09-11), for the
	// time filters of QGIS and kepler.gl; "" when Date is not a fixed
	// interval.
	DateStart string `json:"date_start"`
	DateEnd   string `json:"date_end"`
	// DateText is the date expression as written, "" when the date was
	// inherited from the publication date.
	DateText string `json:"date_text"`
	// People are the canonical names of the people taking part. Writers
	// emit [] rather than null when it is empty.
	People []string `json:"people"`
	// Precision is "place" when the point is the event place's own;
	// for a place the gazetteer does not know, the level of the place
	// whose point stands in: "nearby" (a town named with it), "admin2",
	// "admin1" or "country" (GeonameID and the members after it then
	// describe that place). Map it as approximate.
	Precision string `json:"location_precision"`
	// Sentence is the text of the sentence, whitespace runs collapsed.
	Sentence string `json:"sentence"`
	// Start and End are the code point offsets of the place mention in the
	// document text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Confidence is 0–1.
	Confidence Real `json:"confidence"`
	// Type is the event type (visit, attack, movement, casualties,
	// discovery, ceremony, disaster, investigation, statement, other: see
	// extract.EventTypes).
	Type string `json:"type"`
	// Role is the place's role in the sentence: "event" for every record
	// the pipeline makes (places only mentioned, or standing for a
	// government, give no record).
	Role string `json:"role"`
	// DateSource says where Date came from: sentence, narrative, caption,
	// dateline, published, or "" when unknown.
	DateSource string `json:"date_source"`
	// Mentions is how many sentences state this event (body and
	// captions); Offsets holds their code point spans as flat pairs
	// [start₁, end₁, start₂, end₂, …] (end exclusive, text order), a list
	// of integers that GDAL reads as IntegerList. Writers emit [] rather
	// than null.
	Mentions int   `json:"mentions"`
	Offsets  []int `json:"offsets"`
}

// Record is one flat event record. Its JSON form holds id, the
// [Properties] members and lat/lon; in GeoJSON the id becomes the feature
// id and lon/lat the Point geometry.
type Record struct {
	// ID is stable across runs: see [EventID].
	ID string `json:"id"`
	Properties
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// Unresolved marks a record whose place the gazetteer does not know:
	// its JSON form has null geonameid, lat and lon, and the GeoJSON
	// writers skip it, since a feature needs a point.
	Unresolved bool `json:"-"`
}

// MarshalJSON encodes the record with empty lists as [] rather than null,
// and null geonameid, lat and lon when the place is unresolved.
func (r Record) MarshalJSON() ([]byte, error) {
	type plain Record // no methods: plain JSON encoding
	r.Properties = r.Properties.withLists()
	if r.Unresolved {
		return json.Marshal(struct {
			plain
			GeoNameID *int64   `json:"geonameid"`
			Lat       *float64 `json:"lat"`
			Lon       *float64 `json:"lon"`
		}{plain: plain(r)})
	}
	return json.Marshal(plain(r))
}

// withLists returns p with nil lists replaced by empty ones.
func (p Properties) withLists() Properties {
	if p.People == nil {
		p.People = []string{}
	}
	if p.Offsets == nil {
		p.Offsets = []int{}
	}
	return p
}

// Real is a float64 that always marshals with a fraction ("1.0", not "1"),
// so that GDAL/OGR and other readers that infer column types from JSON
// number syntax type the column as Real.
type Real float64

// MarshalJSON implements json.Marshaler.
func (f Real) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, &json.UnsupportedValueError{Str: strconv.FormatFloat(v, 'g', -1, 64)}
	}
	b := strconv.AppendFloat(make([]byte, 0, 24), v, 'f', -1, 64)
	if !strings.ContainsRune(string(b), '.') {
		b = append(b, '.', '0')
	}
	return b, nil
}

// EventID returns the stable id of an event record: the hex FNV-64a hash
// of the document id, the place (extract.PlaceKey: its GeoNames id, or its
// text when unresolved), the event date and the event type. Reruns over
// the same input give the same ids, and the merged mentions of one event
// share one.
func EventID(docID, placeKey, date, typ string) string {
	h := fnv.New64a()
	for _, s := range []string{docID, placeKey, date, typ} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Records flattens the events of res into map records, one per element of
// res.Events and in the same order (an event whose place index is out of
// range is skipped). The record of an event at a place nobody could
// locate is marked Unresolved: its JSON form has null geonameid and
// coordinates (JSON Lines lists it), and the GeoJSON writers skip it, as
// a point at [0, 0] would be worse than none.
func Records(res *extract.Result) []Record {
	if res == nil || len(res.Events) == 0 {
		return nil
	}
	doc := res.Document
	published := publishedDay(res)
	recs := make([]Record, 0, len(res.Events))
	for _, ev := range res.Events {
		if ev.PlaceIndex < 0 || ev.PlaceIndex >= len(res.Places) {
			continue
		}
		pl := res.Places[ev.PlaceIndex]
		// point is the gazetteer entry that locates the event: its own
		// place, or for an unresolved place the one the pipeline chose
		// to stand in (Event.PointIndex), with a coarser precision.
		point, precision := pl, extract.PrecisionPlace
		if !hasPoint(pl) {
			precision = ""
			if ev.LocationPrecision != "" && ev.LocationPrecision != extract.PrecisionPlace &&
				ev.PointIndex >= 0 && ev.PointIndex < len(res.Places) && hasPoint(res.Places[ev.PointIndex]) {
				point, precision = res.Places[ev.PointIndex], ev.LocationPrecision
			}
		}
		unresolved := !hasPoint(point)
		name := pl.Name
		if name == "" || precision != extract.PrecisionPlace {
			name = pl.Text
		}
		var dateText string
		if ev.DateIndex >= 0 && ev.DateIndex < len(res.Dates) {
			dateText = res.Dates[ev.DateIndex].Text
		}
		var sentence string
		if ev.Sentence >= 0 && ev.Sentence < len(res.Sentences) {
			sentence = sentenceAround(res, ev.Sentence, pl.Start, pl.End)
		}
		people := make([]string, len(ev.People))
		copy(people, ev.People)
		sents := ev.Sentences
		if len(sents) == 0 && ev.Sentence >= 0 {
			sents = []int{ev.Sentence}
		}
		offsets := make([]int, 0, 2*len(sents))
		for _, si := range sents {
			if si >= 0 && si < len(res.Sentences) {
				offsets = append(offsets, res.Sentences[si].Start, res.Sentences[si].End)
			}
		}
		mentions := ev.Mentions
		if mentions < 1 {
			mentions = 1
		}
		role := ev.Role
		if role == "" {
			role = extract.RoleEvent
		}
		typ := ev.Type
		if typ == "" {
			typ = extract.TypeOther
		}
		dateStart, dateEnd := ev.DateStart, ev.DateEnd
		if dateStart == "" {
			dateStart, dateEnd = timex.DayRange(ev.Date)
		}
		var geonameID int64
		var lat, lon float64
		if !unresolved {
			geonameID, lat, lon = *point.GeoNameID, round(*point.Lat, 6), round(*point.Lon, 6)
		}
		recs = append(recs, Record{
			ID: EventID(doc.ID, extract.PlaceKey(pl), ev.Date, typ),
			Properties: Properties{
				DocID:       doc.ID,
				Source:      doc.Source,
				Title:       doc.Title,
				URL:         doc.URL,
				Published:   published,
				Place:       name,
				PlaceText:   pl.Text,
				GeoNameID:   geonameID,
				FeatureCode: point.FeatureCode,
				CountryCode: point.CountryCode,
				Admin1:      point.Admin1,
				Population:  point.Population,
				Precision:   precision,
				Date:        ev.Date,
				DateStart:   dateStart,
				DateEnd:     dateEnd,
				DateText:    dateText,
				People:      people,
				Sentence:    sentence,
				Start:       pl.Start,
				End:         pl.End,
				Confidence:  Real(clamp01(round(ev.Confidence, 4))),
				Type:        typ,
				Role:        role,
				DateSource:  ev.DateSource,
				Mentions:    mentions,
				Offsets:     offsets,
			},
			Lat:        lat,
			Lon:        lon,
			Unresolved: unresolved,
		})
	}
	return recs
}

func hasPoint(p extract.Place) bool { return p.GeoNameID != nil && p.Lat != nil && p.Lon != nil }

// publishedDay is the publication day, YYYY-MM-DD, or "".
func publishedDay(res *extract.Result) string {
	if !res.Published.IsZero() {
		return res.Published.Format("2006-01-02")
	}
	// Document.Published is YYYY-MM-DD or RFC 3339: the day is its prefix,
	// in the document's own time zone.
	p := strings.TrimSpace(res.Document.Published)
	if len(p) >= 10 && isDay(p[:10]) && (len(p) == 10 || p[10] == 'T' || p[10] == 't' || p[10] == ' ') {
		return p[:10]
	}
	return ""
}

func isDay(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return len(s) == 10
}

// collapseSpace trims s and replaces each run of whitespace with one space.
// MaxSentence bounds a record's sentence property: a sentence of more
// code points is cut around the event's place (see sentenceAround), so
// the property holds at most MaxSentence code points of it and "…" at
// either end.
const MaxSentence = 600

// firstRunes is s cut after n code points.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// sentenceAround is the text of sentence si with whitespace runs
// collapsed. A sentence longer than MaxSentence code points (a list of
// places, a text without full stops) is cut to whole tokens around the
// place mention [start, end), about MaxSentence code points of them,
// with "…" where it was cut: records of a long list would otherwise each
// repeat the whole list. The record's offsets still span the whole
// sentence.
func sentenceAround(res *extract.Result, si, start, end int) string {
	s := res.Sentences[si]
	if s.End-s.Start <= MaxSentence || s.TokenStart >= s.TokenEnd {
		return collapseSpace(res.SentenceText(si))
	}
	toks := res.Tokens[s.TokenStart:s.TokenEnd]
	// A window of MaxSentence code points, centred on the mention and
	// moved inside the sentence.
	lo := max(s.Start, (start+end)/2-MaxSentence/2)
	hi := min(s.End, lo+MaxSentence)
	lo = max(s.Start, hi-MaxSentence)
	a := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= lo })
	b := sort.Search(len(toks), func(i int) bool { return toks[i].End > hi })
	if a >= b {
		// The mention's token is longer than the window: its first
		// MaxSentence code points.
		k := min(sort.Search(len(toks), func(i int) bool { return toks[i].End > start }), len(toks)-1)
		return firstRunes(toks[k].Text, MaxSentence) + "…"
	}
	text := collapseSpace(res.Document.Text[toks[a].ByteStart:toks[b-1].ByteEnd])
	if a > 0 {
		text = "…" + text
	}
	if b < len(toks) {
		text += "…"
	}
	return text
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// round rounds v to n decimals; k/10ⁿ is the nearest float64 to the
// decimal, so it prints with at most n decimals.
func round(v float64, n int) float64 {
	p := math.Pow10(n)
	r := math.Round(v*p) / p
	switch {
	case math.IsInf(r, 0) || math.IsNaN(r):
		return v
	case r == 0:
		return 0 // not -0
	}
	return r
}

func clamp01(v float64) float64 {
	switch {
	case v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}
