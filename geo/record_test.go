package geo

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

func TestRecords(t *testing.T) {
	sentence0 := "KYIV — On Sept. 14 President Zelenskyy visited Izium, near Kharkiv."
	want := Record{
		Properties: Properties{
			DocID:       "doc-1",
			Title:       "Zelenskyy visits Izium",
			URL:         "https://example.com/izium",
			Published:   "2022-09-15",
			Place:       "Izyum",
			PlaceText:   "Izium",
			GeoNameID:   707688,
			FeatureCode: "PPLA2",
			CountryCode: "UA",
			Admin1:      "07",
			Population:  48000,
			Date:        "2022-09-14",
			DateStart:   "2022-09-14",
			DateEnd:     "2022-09-14",
			Precision:   "place",
			DateText:    "Sept. 14",
			People:      []string{"Volodymyr Zelenskyy"},
			Sentence:    sentence0,
			Start:       span(fixtureText, "Izium")[0],
			End:         span(fixtureText, "Izium")[1],
			Confidence:  0.9,
			Type:        "visit",
			Role:        "event",
			DateSource:  "sentence",
			Mentions:    1,
			Offsets:     []int{fixture().Sentences[0].Start, fixture().Sentences[0].End},
		},
		Lat: 49.212205, // rounded to 6 decimals
		Lon: 37.256961,
	}
	tests := []struct {
		name   string
		modify func(*extract.Result)
		want   func(*Record)
	}{
		{"stated date", nil, nil},
		{
			"a week's interval",
			func(r *extract.Result) { r.Events[0].Date = "2022-W36" },
			func(w *Record) {
				w.Date, w.DateStart, w.DateEnd = "2022-W36", "2022-09-05", "2022-09-11"
				w.ID = EventID(w.DocID, "geonames:707688", "2022-W36", "visit")
			},
		},
		{
			"inherited date has no date_text",
			func(r *extract.Result) {
				r.Events[0].DateIndex = -1
				r.Events[0].Date = "2022-09-15"
				r.Events[0].Confidence = 0.9 * 0.8
			},
			func(w *Record) {
				w.Date, w.DateStart, w.DateEnd, w.DateText, w.Confidence = "2022-09-15", "2022-09-15", "2022-09-15", "", 0.72
			},
		},
		{
			"unknown date and no people",
			func(r *extract.Result) {
				r.Events[0].DateIndex = -1
				r.Events[0].Date = ""
				r.Events[0].People = nil
			},
			func(w *Record) { w.Date, w.DateStart, w.DateEnd, w.DateText, w.People = "", "", "", "", []string{} },
		},
		{
			"published from Document.Published (RFC 3339) when Result.Published is zero",
			func(r *extract.Result) { r.Published = time.Time{} },
			nil,
		},
		{
			"published from Document.Published (day)",
			func(r *extract.Result) { r.Published = time.Time{}; r.Document.Published = "2022-09-15" },
			nil,
		},
		{
			"unparsable Document.Published",
			func(r *extract.Result) { r.Published = time.Time{}; r.Document.Published = "Sept 15" },
			func(w *Record) { w.Published = "" },
		},
		{
			"unknown publication date",
			func(r *extract.Result) { r.Published = time.Time{}; r.Document.Published = "" },
			func(w *Record) { w.Published = "" },
		},
		{
			"place without gazetteer name uses its text",
			func(r *extract.Result) { r.Places[0].Name = "" },
			func(w *Record) { w.Place = "Izium" },
		},
		{
			"confidence clamped and rounded",
			func(r *extract.Result) { r.Events[0].Confidence = 1.0000001 },
			func(w *Record) { w.Confidence = 1 },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := fixture()
			if tt.modify != nil {
				tt.modify(res)
			}
			w := want
			w.People = append([]string(nil), want.People...)
			if tt.want != nil {
				tt.want(&w)
			}
			w.ID = EventID(w.DocID, "geonames:707688", w.Date, w.Type)
			got := Records(res)
			if len(got) != 1 {
				t.Fatalf("got %d records, want 1 (one event; the unresolved place has none)", len(got))
			}
			if !reflect.DeepEqual(got[0], w) {
				t.Errorf("record:\n got %+v\nwant %+v", got[0], w)
			}
		})
	}
}

func TestRecordsOrderAndSkips(t *testing.T) {
	res := fixture()
	ev := res.Events[0]
	second := ev
	second.Date, second.DateIndex = "2022-09-15", -1
	unresolved := ev
	unresolved.PlaceIndex = 1 // Narnia: no gazetteer entry, no coordinates
	outOfRange := ev
	outOfRange.PlaceIndex = 7
	res.Events = []extract.Event{second, unresolved, ev, outOfRange}
	got := Records(res)
	if len(got) != 3 {
		t.Fatalf("got %d records, want 3", len(got))
	}
	if got[0].Date != "2022-09-15" || !got[1].Unresolved || got[2].Date != "2022-09-14" {
		t.Errorf("order: dates %q, %q (unresolved %v), %q; want events' order", got[0].Date, got[1].Date, got[1].Unresolved, got[2].Date)
	}
	if Records(&extract.Result{}) != nil || Records(nil) != nil {
		t.Error("no events: want nil")
	}
}

func TestRecordIDStable(t *testing.T) {
	base := Records(fixture())[0]
	tests := []struct {
		name   string
		modify func(*extract.Result)
		same   bool
	}{
		{"rerun", nil, true},
		{"other people, sentence and confidence", func(r *extract.Result) {
			r.Events[0].People = []string{"Someone Else"}
			r.Events[0].Confidence = 0.1
		}, true},
		{"different date", func(r *extract.Result) { r.Events[0].Date = "2022-09-13" }, false},
		{"different document", func(r *extract.Result) { r.Document.ID = "doc-2" }, false},
		{"different place", func(r *extract.Result) { r.Places[0].GeoNameID = ptr[int64](706483) }, false},
		{"other mention of the same event", func(r *extract.Result) { r.Places[0].Start++ }, true},
		{"different type", func(r *extract.Result) { r.Events[0].Type = extract.TypeCeremony }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := fixture()
			if tt.modify != nil {
				tt.modify(res)
			}
			got := Records(res)[0].ID
			if len(got) != 16 || strings.Trim(got, "0123456789abcdef") != "" {
				t.Errorf("id %q: want 16 hex digits", got)
			}
			if (got == base.ID) != tt.same {
				t.Errorf("id %s vs base %s: same=%v, want %v", got, base.ID, got == base.ID, tt.same)
			}
		})
	}
}

func TestRecordJSON(t *testing.T) {
	rec := Records(fixture())[0]
	noPeople := rec
	noPeople.People = nil
	wantKeys := []string{"id", "doc_id", "source", "title", "url", "published", "place", "place_text",
		"geonameid", "feature_code", "country_code", "admin1", "population", "date", "date_start", "date_end", "date_text",
		"people", "location_precision", "sentence", "start", "end", "confidence", "lat", "lon",
		"type", "role", "date_source", "mentions", "offsets"}
	for _, tt := range []struct {
		name       string
		rec        Record
		wantPeople string
	}{
		{"with people", rec, `["Volodymyr Zelenskyy"]`},
		{"nil people is []", noPeople, `[]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.rec)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if len(m) != len(wantKeys) {
				t.Errorf("%d members, want %d: %s", len(m), len(wantKeys), b)
			}
			for _, k := range wantKeys {
				if _, ok := m[k]; !ok {
					t.Errorf("no %q in %s", k, b)
				}
			}
			if got := string(m["people"]); got != tt.wantPeople {
				t.Errorf("people = %s, want %s", got, tt.wantPeople)
			}
			if string(m["lat"]) != "49.212205" || string(m["lon"]) != "37.256961" {
				t.Errorf("lat/lon = %s/%s", m["lat"], m["lon"])
			}
			var back Record
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.ID != tt.rec.ID || back.Lat != tt.rec.Lat || back.Place != tt.rec.Place {
				t.Errorf("round trip: %+v", back)
			}
		})
	}
}

func TestRealJSON(t *testing.T) {
	for _, tt := range []struct {
		in   Real
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {0.5, "0.5"}, {0.7235, "0.7235"}, {1e-7, "0.0000001"},
	} {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", float64(tt.in), b, err, tt.want)
		}
		var back Real
		if err := json.Unmarshal(b, &back); err != nil || back != tt.in {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
}

func TestRecordsMarkUnresolvedPlaces(t *testing.T) {
	res := fixture()
	unresolved := res.Events[0]
	unresolved.PlaceIndex = 1 // Narnia: no gazetteer entry
	unresolved.Sentence, unresolved.Sentences, unresolved.Places = 1, []int{1}, []int{1}
	res.Events = append(res.Events, unresolved)
	all := Records(res)
	if len(all) != 2 || all[0].Unresolved || !all[1].Unresolved {
		t.Fatalf("Records = %+v", all)
	}
	r := all[1]
	if r.Place != "Narnia" || r.ID != EventID("doc-1", "text:narnia", r.Date, r.Type) {
		t.Errorf("unresolved record %+v", r)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"geonameid", "lat", "lon"} {
		if v, ok := m[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null: %s", k, v, ok, b)
		}
	}
	if m["place"] != "Narnia" || m["type"] != "visit" {
		t.Errorf("unresolved record JSON %s", b)
	}
	// GeoJSON writers leave it out: a feature needs a point.
	var buf strings.Builder
	w := NewSeqWriter(&buf)
	w.Write(all...)
	w.Close()
	if w.Count() != 1 || strings.Count(buf.String(), "\n") != 1 || strings.Contains(buf.String(), "Narnia") {
		t.Errorf("SeqWriter wrote the unresolved record: %s", buf.String())
	}
	buf.Reset()
	fc := NewFeatureCollectionWriter(&buf)
	fc.Write(all...)
	fc.Close()
	if fc.Count() != 1 || strings.Contains(buf.String(), "Narnia") {
		t.Errorf("FeatureCollectionWriter wrote the unresolved record: %s", buf.String())
	}
}

func TestRecordsOfMergedEvent(t *testing.T) {
	res := fixture()
	ev := &res.Events[0]
	ev.Mentions, ev.Sentences, ev.Places = 2, []int{0, 1}, []int{0, 0}
	r := Records(res)[0]
	s0, s1 := res.Sentences[0], res.Sentences[1]
	if r.Mentions != 2 || !reflect.DeepEqual(r.Offsets, []int{s0.Start, s0.End, s1.Start, s1.End}) {
		t.Errorf("merged record: mentions %d offsets %v", r.Mentions, r.Offsets)
	}
}

func TestRecordsApproximatePoint(t *testing.T) {
	res := fixture()
	ev := res.Events[0]
	ev.PlaceIndex, ev.PointIndex, ev.LocationPrecision = 1, 0, extract.PrecisionNearby // Narnia, located by Izium
	ev.Sentence, ev.Sentences, ev.Places = 1, []int{1}, []int{1}
	res.Events = []extract.Event{ev}
	got := Records(res)
	if len(got) != 1 {
		t.Fatalf("Records = %+v, want the approximate record", got)
	}
	r := got[0]
	if r.Place != "Narnia" || r.PlaceText != "Narnia" || r.Precision != "nearby" || r.GeoNameID != 707688 || r.Lat != 49.212205 || r.Unresolved {
		t.Errorf("approximate record %+v", r)
	}
	if r.ID != EventID("doc-1", "text:narnia", r.Date, r.Type) {
		t.Errorf("id %s: want the unresolved place's own key", r.ID)
	}
	// Without a precision the index is not trusted: no point.
	res.Events[0].LocationPrecision = ""
	if got := Records(res); len(got) != 1 || !got[0].Unresolved || got[0].Lat != 0 {
		t.Errorf("Records without a precision = %+v, want one unresolved", got)
	}
}
