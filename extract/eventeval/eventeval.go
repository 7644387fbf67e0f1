package eventeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/geoparse/geoparse/extract/timex"
	"github.com/geoparse/geoparse/gazetteer"
)

// MatchKm is the largest distance between a predicted and a gold event
// place that still counts as the same place.
const MatchKm = 50

// Doc is one gold document.
type Doc struct {
	ID        string    `json:"id"`
	Published string    `json:"published"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Toponyms  []Toponym `json:"toponyms"`
	Events    []Event   `json:"events"`
}

// Toponym is a gold place mention of the corpora JSONL format (code
// point offsets, end exclusive), with its point and, where the corpus
// gives it, its GeoNames id.
type Toponym struct {
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Text      string   `json:"text"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	GeonameID *int64   `json:"geonameid"`
}

// HasPoint reports whether the corpus gives the toponym's coordinates.
func (t Toponym) HasPoint() bool { return t.Lat != nil && t.Lon != nil }

// Event is a gold event: its place, its date (a TIMEX3 value: a day, a
// month or a year), its people and what happened.
type Event struct {
	PlaceText string   `json:"place_text"`
	Lat       float64  `json:"lat"`
	Lon       float64  `json:"lon"`
	Date      string   `json:"date"`
	People    []string `json:"people"`
	What      string   `json:"what"`
}

// NonEvent is a mention the corpus says is not an event place (Type
// "toponym", with Reason origin, future, container, …) or not a place at
// all (Type "not_toponym").
type NonEvent struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

// Predicted is one predicted event record.
type Predicted struct {
	// Lat and Lon are nil when the record has no point.
	Lat, Lon *float64
	// DateStart and DateEnd are the first and last day of the event's
	// date (YYYY-MM-DD), empty when it has none.
	DateStart, DateEnd string
	People             []string
	// PlaceText, Start and End are the place mention as written.
	PlaceText  string
	Start, End int
}

// Mention is one predicted place mention, with its role.
type Mention struct {
	Start, End int
	Lat, Lon   *float64
	Role       string
}

// Prediction is what a system found in one document.
type Prediction struct {
	Events []Predicted
	Places []Mention
}

// Scores are the event measures over a corpus.
type Scores struct {
	Gold, Predicted, Matched int
	// PeopleGold is the number of people of matched gold events;
	// PeopleFound how many of them the matched prediction names.
	PeopleGold, PeopleFound int
	// False counts unmatched predictions by cause; Missed counts
	// unmatched gold events by cause.
	False, Missed map[string]int
	// Errors lists every false and missed event, for error analysis.
	Errors []ErrorItem
}

// ErrorItem is one false or missed event.
type ErrorItem struct {
	Doc   string
	Kind  string // "false" or "missed"
	Cause string
	Place string
	Date  string
	Start int // the predicted mention's offset; -1 for missed events
}

// Precision is Matched / Predicted.
func (s Scores) Precision() float64 { return ratio(s.Matched, s.Predicted) }

// Recall is Matched / Gold.
func (s Scores) Recall() float64 { return ratio(s.Matched, s.Gold) }

// F1 is the harmonic mean of Precision and Recall.
func (s Scores) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PeopleRecall is PeopleFound / PeopleGold.
func (s Scores) PeopleRecall() float64 { return ratio(s.PeopleFound, s.PeopleGold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// dayInterval is a date's first and last day.
type dayInterval struct {
	first, last time.Time
	ok          bool
}

func goldInterval(v string) dayInterval {
	f, l, ok := timex.Interval(v)
	return dayInterval{f, l, ok}
}

func predInterval(p Predicted) dayInterval {
	f, err1 := time.Parse(time.DateOnly, p.DateStart)
	l, err2 := time.Parse(time.DateOnly, p.DateEnd)
	return dayInterval{f, l, err1 == nil && err2 == nil && !l.Before(f)}
}

// inside reports whether a lies inside b.
func (a dayInterval) inside(b dayInterval) bool {
	return a.ok && b.ok && !a.first.Before(b.first) && !a.last.After(b.last)
}

func near(lat1, lon1 *float64, lat2, lon2 float64) bool {
	return lat1 != nil && lon1 != nil && gazetteer.DistanceKm(*lat1, *lon1, lat2, lon2) <= MatchKm
}

// Score matches the predictions against the gold events of each document.
// nonEvents, keyed by document id, may be nil.
func Score(docs []Doc, nonEvents map[string][]NonEvent, pred map[string]Prediction) Scores {
	s := Scores{False: map[string]int{}, Missed: map[string]int{}}
	for _, d := range docs {
		s.scoreDoc(d, nonEvents[d.ID], pred[d.ID])
	}
	return s
}

func (s *Scores) scoreDoc(d Doc, nonEvents []NonEvent, p Prediction) {
	s.Gold += len(d.Events)
	s.Predicted += len(p.Events)
	gi := make([]dayInterval, len(d.Events))
	for j, g := range d.Events {
		gi[j] = goldInterval(g.Date)
	}
	pi := make([]dayInterval, len(p.Events))
	for i, e := range p.Events {
		pi[i] = predInterval(e)
	}
	ok := func(i, j int) bool {
		g := d.Events[j]
		return near(p.Events[i].Lat, p.Events[i].Lon, g.Lat, g.Lon) && pi[i].inside(gi[j])
	}
	// Maximum bipartite matching (Kuhn's augmenting paths): documents
	// have a handful of events, so the cubic bound does not matter.
	goldOf := make([]int, len(p.Events))
	predOf := make([]int, len(d.Events))
	for i := range goldOf {
		goldOf[i] = -1
	}
	for j := range predOf {
		predOf[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := range d.Events {
			if seen[j] || !ok(i, j) {
				continue
			}
			seen[j] = true
			if predOf[j] < 0 || try(predOf[j], seen) {
				predOf[j], goldOf[i] = i, j
				return true
			}
		}
		return false
	}
	for i := range p.Events {
		try(i, make([]bool, len(d.Events)))
	}
	// Among the maximum matchings, prefer near pairs: swap the gold
	// events of two matched predictions when both still match and the
	// points get closer in sum. Two event places 20 km apart (a town and
	// the volcano above it) would otherwise pair crosswise, and each
	// record's people be scored against the other event's.
	dist := func(i, j int) float64 {
		return gazetteer.DistanceKm(*p.Events[i].Lat, *p.Events[i].Lon, d.Events[j].Lat, d.Events[j].Lon)
	}
	for improved := true; improved; {
		improved = false
		for a := range goldOf {
			for b := a + 1; b < len(goldOf); b++ {
				ja, jb := goldOf[a], goldOf[b]
				if ja < 0 || jb < 0 || !ok(a, jb) || !ok(b, ja) {
					continue
				}
				if dist(a, jb)+dist(b, ja) < dist(a, ja)+dist(b, jb)-1e-9 {
					goldOf[a], goldOf[b] = jb, ja
					predOf[ja], predOf[jb] = b, a
					improved = true
				}
			}
		}
	}
	for j, g := range d.Events {
		i := predOf[j]
		if i < 0 {
			cause := s.missedCause(d, g, gi[j], p, goldOf)
			s.Missed[cause]++
			s.Errors = append(s.Errors, ErrorItem{Doc: d.ID, Kind: "missed", Cause: cause, Place: g.PlaceText, Date: g.Date, Start: -1})
			continue
		}
		s.Matched++
		s.PeopleGold += len(g.People)
		for _, name := range g.People {
			if hasName(p.Events[i].People, name) {
				s.PeopleFound++
			}
		}
	}
	for i, e := range p.Events {
		if goldOf[i] >= 0 {
			continue
		}
		cause := s.falseCause(d, nonEvents, e, predOf)
		s.False[cause]++
		date := e.DateStart
		if e.DateEnd != e.DateStart {
			date += ".." + e.DateEnd
		}
		s.Errors = append(s.Errors, ErrorItem{Doc: d.ID, Kind: "false", Cause: cause, Place: e.PlaceText, Date: date, Start: e.Start})
	}
}

func hasName(list []string, name string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.Join(strings.Fields(x), " "), strings.Join(strings.Fields(name), " ")) {
			return true
		}
	}
	return false
}

// falseCause says why a prediction matched no gold event: the corpus's
// reason for its mention when it lists one, else what is wrong with it.
func (s *Scores) falseCause(d Doc, nonEvents []NonEvent, e Predicted, predOf []int) string {
	for _, n := range nonEvents {
		if n.Start < e.End && e.Start < n.End {
			if n.Type == "not_toponym" {
				return "not a place: " + n.Reason
			}
			return n.Reason
		}
	}
	if e.Lat == nil {
		return "no point"
	}
	for j, g := range d.Events {
		if near(e.Lat, e.Lon, g.Lat, g.Lon) {
			if predOf[j] >= 0 {
				return "duplicate"
			}
			return "wrong date"
		}
	}
	for _, t := range d.Toponyms {
		if t.Start < e.End && e.Start < t.End {
			return "event place elsewhere" // a gold toponym, but no gold event near its point
		}
	}
	return "not a gold toponym"
}

// missedCause says why a gold event was not found: a prediction at its
// place with another date, its place found with another role, found but
// resolved elsewhere or not at all, or not recognized.
func (s *Scores) missedCause(d Doc, g Event, gi dayInterval, p Prediction, goldOf []int) string {
	for i, e := range p.Events {
		if goldOf[i] < 0 && near(e.Lat, e.Lon, g.Lat, g.Lon) {
			if e.DateStart == "" {
				return "no date"
			}
			return "wrong date"
		}
	}
	for _, e := range p.Events {
		if near(e.Lat, e.Lon, g.Lat, g.Lon) {
			return "merged with another event"
		}
	}
	roles := map[string]bool{}
	for _, m := range p.Places {
		if near(m.Lat, m.Lon, g.Lat, g.Lon) {
			roles[m.Role] = true
		}
	}
	if len(roles) > 0 {
		names := make([]string, 0, len(roles))
		for r := range roles {
			names = append(names, r)
		}
		sort.Strings(names)
		return "role " + strings.Join(names, "+")
	}
	// The gold mentions of the event's place.
	found, unresolved := false, false
	for _, t := range d.Toponyms {
		if t.Lat == nil || gazetteer.DistanceKm(*t.Lat, *t.Lon, g.Lat, g.Lon) > MatchKm {
			continue
		}
		for _, m := range p.Places {
			if m.Start < t.End && t.Start < m.End {
				found = true
				unresolved = unresolved || m.Lat == nil
			}
		}
	}
	switch {
	case unresolved:
		return "unresolved"
	case found:
		return "resolved elsewhere"
	}
	return "not recognized"
}

// LoadCorpus reads a gold corpus, one document a line.
func LoadCorpus(path string) ([]Doc, error) {
	var docs []Doc
	err := eachLine(path, func(line int, b []byte) error {
		var d Doc
		if err := json.Unmarshal(b, &d); err != nil {
			return err
		}
		if d.ID == "" {
			return fmt.Errorf("document without an id")
		}
		for k, e := range d.Events {
			if _, _, ok := timex.Interval(e.Date); !ok {
				return fmt.Errorf("event %d: date %q is not a day, month, week or year", k+1, e.Date)
			}
		}
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// LoadNonEvents reads a non-events file: one {"id", "items": [...]}
// object a line.
func LoadNonEvents(path string) (map[string][]NonEvent, error) {
	out := map[string][]NonEvent{}
	err := eachLine(path, func(line int, b []byte) error {
		var v struct {
			ID    string     `json:"id"`
			Items []NonEvent `json:"items"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		out[v.ID] = append(out[v.ID], v.Items...)
		return nil
	})
	return out, err
}

func eachLine(path string, fn func(line int, b []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return readLines(path, f, fn)
}

func readLines(name string, r io.Reader, fn func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		if err := fn(line, b); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Write prints the scores as a report: the totals, then the causes of
// false and missed events, most frequent first.
func (s Scores) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "events: gold %d, predicted %d, matched %d (place within %d km, date inside the gold date)\n", s.Gold, s.Predicted, s.Matched, MatchKm)
	fmt.Fprintf(bw, "precision %.3f  recall %.3f  F1 %.3f\n", s.Precision(), s.Recall(), s.F1())
	fmt.Fprintf(bw, "people recall on matched events %.3f (%d of %d)\n", s.PeopleRecall(), s.PeopleFound, s.PeopleGold)
	for _, part := range []struct {
		title string
		m     map[string]int
	}{{"false events by cause", s.False}, {"missed events by cause", s.Missed}} {
		keys := make([]string, 0, len(part.m))
		for k := range part.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			if part.m[keys[a]] != part.m[keys[b]] {
				return part.m[keys[a]] > part.m[keys[b]]
			}
			return keys[a] < keys[b]
		})
		fmt.Fprintf(bw, "%s:\n", part.title)
		for _, k := range keys {
			fmt.Fprintf(bw, "  %-28s %d\n", k, part.m[k])
		}
	}
	return bw.Flush()
}
