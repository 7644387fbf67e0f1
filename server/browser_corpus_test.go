package server

// The corpus view: a result file of 100,000 events, served with --open
// (Config.Open), browsed in headless Chromium: clusters, the timeline
// brush, the type, country and person filters and the table. The counts
// the page shows are checked against the same filters run here over the
// generated events. Load time and interaction latency are logged (with
// -v) as measured in the page; the bounds asserted are generous, the
// figures are the point.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const corpusEvents = 100_000

// synthEvent is what the test knows of a generated event, to count what
// the page should show.
type synthEvent struct {
	typ, country, dateStart string
	people                  []string
}

var synthPlaces = []struct {
	name, cc, admin1, code string
	lat, lon               float64
	pop                    int64
}{
	{"Kyiv", "UA", "12", "PPLC", 50.45466, 30.5238, 2797553},
	{"Kharkiv", "UA", "07", "PPLA", 49.98081, 36.25272, 1430885},
	{"Odesa", "UA", "17", "PPLA", 46.47747, 30.73262, 1015826},
	{"Moscow", "RU", "48", "PPLC", 55.75222, 37.61556, 10381222},
	{"Anadyr", "RU", "15", "PPLA", 64.73424, 177.5103, 11038},
	{"Suva", "FJ", "01", "PPLC", -18.14161, 178.44149, 77366},
	{"Labasa", "FJ", "02", "PPLA", -16.41667, 179.38333, 27949},
	{"Pátra", "GR", "ESYE23", "PPLA", 38.24444, 21.73444, 168034},
	{"Athens", "GR", "ESYE31", "PPLC", 37.98376, 23.72784, 664046},
	{"Paris", "FR", "11", "PPLC", 48.85341, 2.3488, 2138551},
	{"Lyon", "FR", "84", "PPLA", 45.74846, 4.84671, 522969},
	{"Brussels", "BE", "BRU", "PPLC", 50.85045, 4.34878, 1019022},
	{"Berlin", "DE", "16", "PPLC", 52.52437, 13.41053, 3426354},
	{"Warsaw", "PL", "78", "PPLC", 52.22977, 21.01178, 1702139},
	{"London", "GB", "ENG", "PPLC", 51.50853, -0.12574, 8961989},
	{"Nairobi", "KE", "30", "PPLC", -1.28333, 36.81667, 2750547},
	{"Kisumu", "KE", "17", "PPLA", -0.10221, 34.76171, 216479},
	{"Goma", "CD", "11", "PPLA", -1.67409, 29.22845, 144124},
	{"Cairo", "EG", "11", "PPLC", 30.06263, 31.24967, 7734614},
	{"Gaza", "PS", "GZ", "PPLA", 31.50161, 34.46672, 410000},
	{"Jerusalem", "IL", "06", "PPLC", 31.76904, 35.21633, 801000},
	{"Tehran", "IR", "26", "PPLC", 35.69439, 51.42151, 7153309},
	{"Kabul", "AF", "13", "PPLC", 34.52813, 69.17233, 3043532},
	{"Delhi", "IN", "07", "PPLA", 28.65195, 77.23149, 10927986},
	{"Dhaka", "BD", "81", "PPLC", 23.7104, 90.40744, 10356500},
	{"Beijing", "CN", "22", "PPLC", 39.9075, 116.39723, 11716620},
	{"Tokyo", "JP", "40", "PPLC", 35.6895, 139.69171, 8336599},
	{"Wajima", "JP", "17", "PPL", 37.40458, 136.9082, 31520},
	{"Manila", "PH", "NCR", "PPLC", 14.6042, 120.9822, 1600000},
	{"Jakarta", "ID", "04", "PPLC", -6.21462, 106.84513, 8540121},
	{"Sydney", "AU", "02", "PPLA", -33.86785, 151.20732, 4627345},
	{"Auckland", "NZ", "E7", "PPLA", -36.84853, 174.76349, 417910},
	{"Washington", "US", "DC", "PPLC", 38.89511, -77.03637, 601723},
	{"New York", "US", "NY", "PPL", 40.71427, -74.00597, 8804190},
	{"Paris", "US", "TX", "PPLA2", 33.66094, -95.55551, 24782},
	{"Anchorage", "US", "AK", "PPL", 61.21806, -149.90028, 291826},
	{"Mexico City", "MX", "09", "PPLC", 19.42847, -99.12766, 12294193},
	{"Bogotá", "CO", "34", "PPLC", 4.60971, -74.08175, 7674366},
	{"Lima", "PE", "15", "PPLC", -12.04318, -77.02824, 7737002},
	{"São Paulo", "BR", "27", "PPLA", -23.5475, -46.63611, 10021295},
	{"Buenos Aires", "AR", "07", "PPLC", -34.61315, -58.37723, 13076300},
	{"Reykjavík", "IS", "10", "PPLC", 64.13548, -21.89541, 118918},
}

var synthPeople = []string{
	"Volodymyr Zelenskyy", "Vladimir Putin", "Kyriakos Mitsotakis", "Emmanuel Macron", "Olaf Scholz",
	"Joe Biden", "Antony Blinken", "Ursula von der Leyen", "William Ruto", "Fumio Kishida",
	"Narendra Modi", "Xi Jinping", "Anthony Albanese", "Luiz Inácio Lula da Silva", "Javier Milei",
	"Rishi Sunak", "Keir Starmer", "Andrzej Duda", "Recep Tayyip Erdoğan", "António Guterres",
	"Kostas Peletidis", "Oleh Syniehubov", "Ihor Klymenko", "Denys Shmyhal", "Benjamin Netanyahu",
}

// typeWeights make attacks and statements common and ceremonies rare, as
// in news.
var typeWeights = []struct {
	typ string
	w   int
}{{"visit", 12}, {"attack", 18}, {"movement", 8}, {"casualties", 10}, {"discovery", 3},
	{"ceremony", 2}, {"disaster", 12}, {"investigation", 7}, {"statement", 20}, {"other", 8}}

// writeSynthCorpus writes n events as GeoJSON text sequences, half the
// lines led by RS (RFC 8142), four events a document, dates over two
// years (a few undated), some points approximate.
func writeSynthCorpus(t *testing.T, path string, n int) []synthEvent {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	total := 0
	for _, tw := range typeWeights {
		total += tw.w
	}
	epoch := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	events := make([]synthEvent, n)
	for i := range n {
		pl := synthPlaces[rng.IntN(len(synthPlaces))]
		typ, r := "", rng.IntN(total)
		for _, tw := range typeWeights {
			if r < tw.w {
				typ = tw.typ
				break
			}
			r -= tw.w
		}
		var date, dateText string
		if rng.IntN(25) > 0 {
			date = epoch.AddDate(0, 0, rng.IntN(731)).Format("2006-01-02")
			dateText = "on " + date
		}
		people := []string{}
		for k := rng.IntN(3); k > 0; k-- {
			people = append(people, synthPeople[rng.IntN(len(synthPeople))])
		}
		precision, placeText, name := "place", pl.name, pl.name
		if rng.IntN(12) == 0 { // a village the gazetteer lacks, mapped at its region
			precision, placeText = "admin1", fmt.Sprintf("Village %d", rng.IntN(5000))
			name = placeText
		}
		doc := i / 4
		sentence := fmt.Sprintf("Officials said the %s in %s on %s involved %d people, according to local reports and statements released later that day.",
			typ, placeText, date, rng.IntN(500))
		f := map[string]any{
			"id": fmt.Sprintf("%016x", rng.Uint64()), "type": "Feature",
			"geometry": map[string]any{"type": "Point", "coordinates": []float64{pl.lon, pl.lat}},
			"properties": map[string]any{
				"doc_id": fmt.Sprintf("doc-%06d", doc), "title": fmt.Sprintf("Report %d from %s", doc, pl.name),
				"url": fmt.Sprintf("https://news.example.org/%d", doc), "published": date, "place": name, "place_text": placeText,
				"geonameid": 1000 + rng.IntN(1e6), "feature_code": pl.code, "country_code": pl.cc, "admin1": pl.admin1,
				"population": pl.pop, "date": date, "date_start": date, "date_end": date, "date_text": dateText,
				"people": people, "location_precision": precision, "sentence": sentence, "start": 40, "end": 40 + len(placeText),
				"confidence": 0.9, "type": typ, "role": "event", "date_source": "sentence", "mentions": 1,
				"offsets": []int{0, len(sentence)}, "source": "synthetic",
			},
		}
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			buf.WriteByte(0x1e)
		}
		buf.Write(b)
		buf.WriteByte('\n')
		events[i] = synthEvent{typ: typ, country: pl.cc, dateStart: date, people: people}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return events
}

// corpusFilter is the page's selection, to count here.
type corpusFilter struct {
	from, to, country, person string
	hidden                    map[string]bool
}

func (f corpusFilter) count(events []synthEvent) int {
	n := 0
	for _, e := range events {
		if f.hidden[e.typ] || (f.country != "" && e.country != f.country) {
			continue
		}
		if f.from != "" && (e.dateStart == "" || e.dateStart < f.from || e.dateStart > f.to) {
			continue
		}
		if f.person != "" && !contains(e.people, f.person) {
			continue
		}
		n++
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// execAsync runs script, which calls its last argument when done.
func (wd *webDriver) execAsync(out any, script string, args ...any) {
	wd.t.Helper()
	wd.execute("/execute/async", out, script, args)
}

// latency runs action (JavaScript) in the page and returns the
// milliseconds until the next frame is painted.
func (wd *webDriver) latency(action string) float64 {
	wd.t.Helper()
	var ms float64
	wd.execAsync(&ms, `var done = arguments[arguments.length - 1], t0 = performance.now();
		(new Function(arguments[0]))();
		requestAnimationFrame(function () { setTimeout(function () { done(performance.now() - t0); }, 0); });`, action)
	return ms
}

type corpusState struct {
	Ready     bool   `json:"ready"`
	Mode      string `json:"mode"`
	Error     string `json:"error"`
	Events    int    `json:"events"`
	Selected  int    `json:"selected"`
	From      string `json:"from"`
	To        string `json:"to"`
	Rows      int    `json:"rows"`
	Rendered  int    `json:"rendered"`
	Clustered int    `json:"clustered"` // on the map: counts on cluster icons
	Singles   int    `json:"singles"`   // and single event markers
	DOMRows   int    `json:"domRows"`
}

func (wd *webDriver) corpusState() corpusState {
	wd.t.Helper()
	var s corpusState
	wd.exec(&s, `var v = window.geoparseView, c = v.corpus || {}, tb = c.table || {};
		var clustered = 0;
		document.querySelectorAll(".leaflet-marker-pane .marker-cluster [data-count]").forEach(function (e) { clustered += +e.getAttribute("data-count"); });
		return {ready: !!v.ready, mode: v.mode, error: v.error || "", events: c.events | 0, selected: c.selected | 0,
			from: c.from || "", to: c.to || "", rows: tb.rows | 0, rendered: tb.rendered | 0, clustered: clustered,
			singles: document.querySelectorAll(".leaflet-marker-pane .ev-icon").length,
			domRows: document.querySelectorAll("#trows .vrow").length};`)
	if s.Error != "" {
		wd.t.Fatalf("page error: %s", s.Error)
	}
	return s
}

// checkSelection compares the page's selection with the count here, and
// the points on the map (clusters plus singles, the map being fit to the
// selection) and the table with the selection.
func checkSelection(t *testing.T, wd *webDriver, what string, want int) corpusState {
	t.Helper()
	var s corpusState
	wd.waitFor(what, func() bool {
		s = wd.corpusState()
		return s.Selected == want && s.Clustered+s.Singles == want
	})
	if s.Rows != want {
		t.Errorf("%s: the table has %d rows, want %d", what, s.Rows, want)
	}
	if s.DOMRows > 100 || (want > 0 && s.DOMRows == 0) {
		t.Errorf("%s: %d table rows in the page for %d events: want a virtualized table", what, s.DOMRows, want)
	}
	t.Logf("%s: %d events selected, on the map %d in clusters and %d single", what, s.Selected, s.Clustered, s.Singles)
	return s
}

func TestBrowserCorpus(t *testing.T) {
	driver, browser := findBrowser(t)
	path := filepath.Join(t.TempDir(), "events.geojsonl")
	t0 := time.Now()
	events := writeSynthCorpus(t, path, corpusEvents)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d events, %.1f MB, in %v", len(events), float64(fi.Size())/1e6, time.Since(t0).Round(time.Millisecond))
	_, ts := newTestServer(t, Config{Open: path})

	wd := startDriver(t, driver, browser)
	wd.setWindow(1366, 768)
	start := time.Now()
	wd.must("POST", "/url", map[string]string{"url": ts.URL + "/"}, nil)
	var s corpusState
	wd.waitFor("the corpus", func() bool {
		s = wd.corpusState()
		return s.Ready && s.Mode == "corpus"
	})
	wall := time.Since(start)
	var load map[string]float64
	wd.exec(&load, `return window.geoparseView.corpus.load`)
	t.Logf("corpus view: %d events loaded in %v from navigation (page: %v)", s.Events, wall.Round(time.Millisecond), load)
	if s.Events != corpusEvents {
		t.Fatalf("page shows %d events, want %d", s.Events, corpusEvents)
	}
	all := corpusFilter{hidden: map[string]bool{}}
	checkSelection(t, wd, "all events", all.count(events))
	var firstRow string
	wd.exec(&firstRow, `var r = document.querySelector("#trows .vrow"); return r ? r.textContent : ""`)
	earliest := "9999"
	for _, e := range events {
		if e.dateStart != "" && e.dateStart < earliest {
			earliest = e.dateStart
		}
	}
	if !strings.HasPrefix(firstRow, earliest) {
		t.Errorf("first table row %q: want the earliest date %s first", firstRow, earliest)
	}
	wd.screenshot("corpus-all.png")

	// Brush the timeline: drag from a quarter to half of its width.
	var width float64
	wd.exec(&width, `return document.getElementById("timeline").clientWidth`)
	canvas := wd.element("#timeline")
	origin := map[string]any{"element-6066-11e4-a52e-4f735466cecf": canvas}
	wd.must("POST", "/actions", map[string]any{"actions": []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "duration": 0, "origin": origin, "x": int(-width / 4), "y": 0},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerMove", "duration": 400, "origin": origin, "x": -int(width / 8), "y": 0},
			map[string]any{"type": "pointerMove", "duration": 400, "origin": origin, "x": 0, "y": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		},
	}}}, nil)
	wd.must("DELETE", "/actions", nil, nil)
	wd.waitFor("the brush", func() bool {
		s = wd.corpusState()
		return s.From != "" && s.To != ""
	})
	brushed := corpusFilter{from: s.From, to: s.To, hidden: map[string]bool{}}
	s = checkSelection(t, wd, fmt.Sprintf("brushed %s to %s", s.From, s.To), brushed.count(events))
	if s.Selected == 0 || s.Selected >= corpusEvents*3/4 {
		t.Errorf("the brush over a quarter of the timeline selected %d of %d events", s.Selected, corpusEvents)
	}
	var inputs [2]string
	wd.exec(&inputs, `return [document.getElementById("from").value, document.getElementById("to").value]`)
	if inputs[0] != s.From || inputs[1] != s.To {
		t.Errorf("date inputs %v, want the brushed %s to %s", inputs, s.From, s.To)
	}

	// Filter out a type with its legend checkbox (a real click).
	box := wd.element(`.legend-control input[data-type="attack"]`)
	if box == "" {
		t.Fatal("no legend checkbox for attack")
	}
	wd.must("POST", "/element/"+box+"/click", map[string]any{}, nil)
	brushed.hidden["attack"] = true
	checkSelection(t, wd, "brushed, without attacks", brushed.count(events))

	// Country and person.
	lat := map[string]float64{}
	lat["country"] = wd.latency(`var s = document.getElementById("country");
		for (var i = 0; i < s.options.length; i++) if (s.options[i].text.indexOf("UA ") === 0) s.value = s.options[i].value;
		s.dispatchEvent(new Event("change"));`)
	brushed.country = "UA"
	checkSelection(t, wd, "brushed, no attacks, in UA", brushed.count(events))
	lat["person"] = wd.latency(`var p = document.getElementById("person"); p.value = "Volodymyr Zelenskyy"; p.dispatchEvent(new Event("change"));`)
	brushed.person = "Volodymyr Zelenskyy"
	checkSelection(t, wd, "brushed, no attacks, in UA, with Zelenskyy", brushed.count(events))
	wd.screenshot("corpus-filtered.png")

	// Reset, then time the other interactions on the whole corpus.
	lat["reset"] = wd.latency(`document.getElementById("reset").click();`)
	checkSelection(t, wd, "reset", all.count(events))
	lat["type-toggle"] = wd.latency(`var b = document.querySelector('.legend-control input[data-type="statement"]'); b.click();`)
	all.hidden["statement"] = true
	checkSelection(t, wd, "without statements", all.count(events))
	lat["type-toggle-back"] = wd.latency(`var b = document.querySelector('.legend-control input[data-type="statement"]'); b.click();`)
	delete(all.hidden, "statement")
	checkSelection(t, wd, "all again", all.count(events))
	lat["dates-typed"] = wd.latency(`var f = document.getElementById("from"), to = document.getElementById("to");
		f.value = "2023-06-01"; to.value = "2023-06-30"; to.dispatchEvent(new Event("change"));`)
	june := corpusFilter{from: "2023-06-01", to: "2023-06-30", hidden: map[string]bool{}}
	checkSelection(t, wd, "June 2023 typed", june.count(events))
	wd.must("POST", "/element/"+wd.element("#clear-filter")+"/click", map[string]any{}, nil)
	checkSelection(t, wd, "all dates", all.count(events))
	lat["zoom-in"] = wd.latency(`window.geoparseView.map.setZoom(window.geoparseView.map.getZoom() + 2, {animate: false});`)
	lat["pan"] = wd.latency(`window.geoparseView.map.panBy([200, 100], {animate: false});`)
	lat["table-scroll"] = wd.latency(`document.getElementById("tbody").scrollTop = 24 * 50000;`)
	wd.waitFor("the scrolled table", func() bool {
		var first int
		wd.exec(&first, `return window.geoparseView.corpus.table.first`)
		return first > 49000 && first <= 50000
	})
	s = wd.corpusState()
	if s.DOMRows > 100 || s.DOMRows == 0 {
		t.Errorf("scrolled table: %d rows in the page", s.DOMRows)
	}
	t.Logf("interaction latency, action to next painted frame (ms): %v", lat)
	var timings []map[string]any
	wd.exec(&timings, `return window.geoparseView.corpus.timings`)
	var brush []string
	for _, tm := range timings {
		if w, _ := tm["what"].(string); strings.HasPrefix(w, "brush") {
			brush = append(brush, fmt.Sprintf("%s %v/%v", w, tm["work_ms"], tm["frame_ms"]))
		}
	}
	t.Logf("brushing, work/next frame (ms): %s", strings.Join(brush, ", "))
	for what, ms := range lat {
		if ms > 5000 { // generous: a figure to read, not a benchmark
			t.Errorf("%s took %.0f ms to the next frame", what, ms)
		}
	}
	if wall > 60*time.Second {
		t.Errorf("loading took %v", wall)
	}

	// A .jsonl of annotations (geoparse extract --format jsonl) opens in
	// the corpus view too, through the file input.
	doc, _ := json.Marshal(map[string]string{"id": "article", "text": fixtureText(t), "published": "2024-08-22"})
	resp, body := do(t, "POST", ts.URL+"/v1/extract?format=jsonl", "application/json", bytes.NewReader(doc))
	if resp.StatusCode != 200 {
		t.Fatalf("API: %d %s", resp.StatusCode, body)
	}
	var ann struct {
		Events []struct {
			Lat *float64 `json:"lat"`
		} `json:"events"`
	}
	if err := json.Unmarshal(body, &ann); err != nil {
		t.Fatal(err)
	}
	mapped := 0
	for _, e := range ann.Events {
		if e.Lat != nil {
			mapped++
		}
	}
	small := filepath.Join(t.TempDir(), "annotations.jsonl")
	if err := os.WriteFile(small, body, 0o644); err != nil {
		t.Fatal(err)
	}
	wd.must("POST", "/element/"+wd.element("#file")+"/value", map[string]any{"text": small}, nil)
	wd.waitFor("the annotations", func() bool {
		s = wd.corpusState()
		return s.Ready && s.Events == mapped
	})
	checkSelection(t, wd, "annotations.jsonl", mapped)
	wd.screenshot("corpus-jsonl.png")
}

// The route behind the corpus view's --open: the page learns the file's
// name from /v1/config and reads it at /v1/open; a missing file or an
// unknown extension fails at startup.
func TestOpenRoute(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "events.geojsonl")
	const line = `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"type":"visit"}}` + "\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Config{Open: path})
	resp, body := do(t, "GET", ts.URL+"/v1/config", "", nil)
	var cfg struct{ Open string }
	if err := json.Unmarshal(body, &cfg); err != nil || resp.StatusCode != 200 || cfg.Open != "events.geojsonl" {
		t.Errorf("config: %d %s", resp.StatusCode, body)
	}
	resp, body = do(t, "GET", ts.URL+"/v1/open", "", nil)
	if resp.StatusCode != 200 || string(body) != line || resp.Header.Get("Content-Type") != "application/geo+json-seq" {
		t.Errorf("open: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, _ = do(t, "POST", ts.URL+"/v1/open", "", nil)
	if resp.StatusCode != 405 {
		t.Errorf("POST /v1/open: %d", resp.StatusCode)
	}

	_, plain := newTestServer(t, Config{Extractor: extractor(t)})
	resp, body = do(t, "GET", plain.URL+"/v1/open", "", nil)
	wantError(t, resp, body, 404, 0, "--open")

	// Every file geoparse extract -o writes opens, typed by its extension
	// as the CLI reads it (.ndjson is GeoJSONSeq there, .geojsons
	// RFC 8142).
	for name, want := range map[string]string{"a.ndjson": "application/geo+json-seq", "a.geojsons": "application/geo+json-seq",
		"a.jsonl": "application/x-ndjson", "a.geojson": "application/geo+json"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
		_, ts := newTestServer(t, Config{Open: p})
		if resp, _ := do(t, "GET", ts.URL+"/v1/open", "", nil); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("open %s: %d %q, want %s", name, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
	}

	for _, bad := range []string{filepath.Join(dir, "missing.geojsonl"), filepath.Join(dir, "events.txt")} {
		if _, err := New(Config{Extractor: extractor(t), Open: bad}); err == nil {
			t.Errorf("New accepted --open %s", bad)
		}
	}
}
