package geo

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/geoparse/geoparse/extract"
)

// Properties are the flat attributes of an event record: the GeoJSON
// feature properties. Every member is always written.
type Properties struct {
	// DocID, Title and URL identify the source document.
	DocID string `json:"doc_id"`
	Title string `json:"title"`
	URL   string `json:"url"`
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
	// DateText is the date expression as written, "" when the date was
	// inherited from the publication date.
	DateText string `json:"date_text"`
	// People are the canonical names of the people taking part. Writers
	// emit [] rather than null when it is empty.
	People []string `json:"people"`
	// Sentence is the text of the sentence, whitespace runs collapsed.
	Sentence string `json:"sentence"`
	// Start and End are the code point offsets of the place mention in the
	// document text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Confidence is 0–1.
	Confidence Real `json:"confidence"`
}

// Record is one flat event record. Its JSON form holds id, the
// [Properties] members and lat/lon; in GeoJSON the id becomes the feature
// id and lon/lat the Point geometry.
type Record struct {
	// ID is stable across runs: see [RecordID].
	ID string `json:"id"`
	Properties
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// MarshalJSON encodes the record with an empty people list as [] rather
// than null.
func (r Record) MarshalJSON() ([]byte, error) {
	type plain Record // no methods: plain JSON encoding
	if r.People == nil {
		r.People = []string{}
	}
	return json.Marshal(plain(r))
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

// RecordID returns the stable id of an event: the hex FNV-64a hash of the
// document id, the geonameid, the event date and the start offset of the
// place mention. Reruns over the same input give the same id.
func RecordID(docID string, geonameID int64, date string, start int) string {
	h := fnv.New64a()
	var buf [8]byte
	h.Write([]byte(docID))
	h.Write([]byte{0})
	binary.BigEndian.PutUint64(buf[:], uint64(geonameID))
	h.Write(buf[:])
	h.Write([]byte(date))
	h.Write([]byte{0})
	binary.BigEndian.PutUint64(buf[:], uint64(int64(start)))
	h.Write(buf[:])
	return hex.EncodeToString(h.Sum(nil))
}

// Records flattens the events of res into records, one per element of
// res.Events and in the same order. Events whose place is out of range,
// unresolved or without coordinates are skipped (the extractor only makes
// events for resolved places, so this does not happen in practice; a
// record at [0, 0] would be worse than none).
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
		if pl.GeoNameID == nil || pl.Lat == nil || pl.Lon == nil {
			continue
		}
		name := pl.Name
		if name == "" {
			name = pl.Text
		}
		var dateText string
		if ev.DateIndex >= 0 && ev.DateIndex < len(res.Dates) {
			dateText = res.Dates[ev.DateIndex].Text
		}
		var sentence string
		if ev.Sentence >= 0 && ev.Sentence < len(res.Sentences) {
			sentence = collapseSpace(res.SentenceText(ev.Sentence))
		}
		people := make([]string, len(ev.People))
		copy(people, ev.People)
		recs = append(recs, Record{
			ID: RecordID(doc.ID, *pl.GeoNameID, ev.Date, pl.Start),
			Properties: Properties{
				DocID:       doc.ID,
				Title:       doc.Title,
				URL:         doc.URL,
				Published:   published,
				Place:       name,
				PlaceText:   pl.Text,
				GeoNameID:   *pl.GeoNameID,
				FeatureCode: pl.FeatureCode,
				CountryCode: pl.CountryCode,
				Admin1:      pl.Admin1,
				Population:  pl.Population,
				Date:        ev.Date,
				DateText:    dateText,
				People:      people,
				Sentence:    sentence,
				Start:       pl.Start,
				End:         pl.End,
				Confidence:  Real(clamp01(round(ev.Confidence, 4))),
			},
			Lat: round(*pl.Lat, 6),
			Lon: round(*pl.Lon, 6),
		})
	}
	return recs
}

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
