package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

var (
	exOnce sync.Once
	exVal  *extract.Extractor
	exErr  error
)

// extractor is one real Extractor shared by the tests (built once: it
// opens the embedded gazetteer and model).
func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	exOnce.Do(func() { exVal, exErr = extract.New() })
	if exErr != nil {
		t.Fatal(exErr)
	}
	return exVal
}

func fixtureText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "harbor-fire.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newTestServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Extractor == nil {
		cfg.Extractor = extractor(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func do(t *testing.T, method, url, ctype string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// wantError checks an error response: status, JSON body, line.
func wantError(t *testing.T, resp *http.Response, body []byte, status, line int, contains string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var e struct {
		Error string `json:"error"`
		Line  int    `json:"line"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", body, err)
	}
	if e.Error == "" {
		t.Errorf("error body %s has no message", body)
	}
	if e.Line != line {
		t.Errorf("line %d, want %d (%s)", e.Line, line, body)
	}
	if contains != "" && !strings.Contains(e.Error, contains) {
		t.Errorf("error %q does not mention %q", e.Error, contains)
	}
}

type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		ID         string                          `json:"id"`
		Geometry   struct{ Coordinates []float64 } `json:"geometry"`
		Properties struct {
			DocID     string   `json:"doc_id"`
			Place     string   `json:"place"`
			Date      string   `json:"date"`
			People    []string `json:"people"`
			Published string   `json:"published"`
		} `json:"properties"`
	} `json:"features"`
}

func TestHealthz(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	resp, body := do(t, "GET", ts.URL+"/healthz", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Fatalf("GET /healthz: %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestExtractText(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, ct := range []string{"text/plain; charset=utf-8", "", "application/x-www-form-urlencoded"} {
		resp, body := do(t, "POST", ts.URL+"/v1/extract?published=2024-08-22&id=harbor", ct, strings.NewReader(fixtureText(t)))
		if resp.StatusCode != 200 {
			t.Fatalf("%q: status %d: %s", ct, resp.StatusCode, body)
		}
		if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "application/geo+json") {
			t.Errorf("Content-Type %q", got)
		}
		var fc featureCollection
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
			t.Fatalf("%q: %d features in %.200s", ct, len(fc.Features), body)
		}
		found := false
		for _, f := range fc.Features {
			p := f.Properties
			if p.DocID != "harbor" || p.Published != "2024-08-22" {
				t.Errorf("doc_id %q published %q", p.DocID, p.Published)
			}
			if p.Place == "Pátra" && p.Date == "2024-08-22" && len(p.People) > 0 && p.People[0] == "Kyriakos Mitsotakis" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no Patras visit on 2024-08-22 with Mitsotakis in %s", ct, body)
		}
	}
}

func TestExtractJSONAndFormats(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	doc, _ := json.Marshal(map[string]any{"id": "h1", "text": fixtureText(t), "published": "2024-08-22", "title": "Fire", "url": "https://example.org/a"})

	resp, body := do(t, "POST", ts.URL+"/v1/extract?format=jsonl", "application/json", bytes.NewReader(doc))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var ann struct {
		ID        string            `json:"id"`
		Title     string            `json:"title"`
		Published string            `json:"published"`
		Entities  []json.RawMessage `json:"entities"`
		Places    []json.RawMessage `json:"places"`
		Dates     []json.RawMessage `json:"dates"`
		Events    []json.RawMessage `json:"events"`
	}
	lines := bytes.Split(bytes.TrimSpace(body), []byte("\n"))
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	if err := json.Unmarshal(lines[0], &ann); err != nil {
		t.Fatal(err)
	}
	if ann.ID != "h1" || ann.Title != "Fire" || ann.Published != "2024-08-22" || len(ann.Entities) == 0 || len(ann.Places) == 0 || len(ann.Dates) == 0 || len(ann.Events) == 0 {
		t.Errorf("annotation %.300s", lines[0])
	}

	resp, body = do(t, "POST", ts.URL+"/v1/extract?format=geojsonseq", "application/json", bytes.NewReader(doc))
	if resp.StatusCode != 200 {
		t.Fatalf("geojsonseq: status %d: %s", resp.StatusCode, body)
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var f struct{ Type string }
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil || f.Type != "Feature" {
			t.Fatalf("line %d: %v %q", n+1, err, sc.Text())
		}
		n++
	}
	if n == 0 {
		t.Error("geojsonseq: no features")
	}
}

func TestExtractJSONLBatch(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a, _ := json.Marshal(map[string]any{"id": "a", "text": fixtureText(t)})
	b, _ := json.Marshal(map[string]any{"id": 7, "text": "Officials met in Lyon on Monday to discuss the floods.", "published": "2024-05-02"})
	body := string(a) + "\n\n" + string(b) + "\n"
	resp, out := do(t, "POST", ts.URL+"/v1/extract?format=jsonl&published=2024-08-22", "application/x-ndjson", strings.NewReader(body))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(lines) != 2 {
		t.Fatalf("%d annotations, want 2", len(lines))
	}
	var ids []string
	for _, l := range lines {
		var ann struct {
			ID        string `json:"id"`
			Published string `json:"published"`
		}
		json.Unmarshal(l, &ann)
		ids = append(ids, ann.ID+"@"+ann.Published)
	}
	if got := strings.Join(ids, " "); got != "a@2024-08-22 7@2024-05-02" {
		t.Errorf("ids %s: want input order, the query's published date only where missing", got)
	}
	// The same batch as one FeatureCollection.
	resp, out = do(t, "POST", ts.URL+"/v1/extract", "application/jsonl", strings.NewReader(body))
	var fc featureCollection
	if resp.StatusCode != 200 || json.Unmarshal(out, &fc) != nil || len(fc.Features) == 0 {
		t.Fatalf("geojson batch: %d %.200s", resp.StatusCode, out)
	}
}

func TestBadRequests(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	const (
		jt = "application/json"
		nd = "application/x-ndjson"
		tx = "text/plain"
	)
	ok := `{"id":"ok","text":"Officials met in Lyon."}`
	for _, tc := range []struct {
		name, ctype, query, body string
		line                     int
		contains                 string
	}{
		{"empty text", tx, "", "", 0, "empty"},
		{"blank text", tx, "", " \n\t ", 0, "empty"},
		{"invalid UTF-8 text", tx, "", "Paris \xff\xfe", 0, "UTF-8"},
		{"malformed JSON", jt, "", `{"text": "Paris"`, 0, "malformed JSON"},
		{"JSON not an object", jt, "", `["Paris"]`, 0, "malformed JSON"},
		{"JSON two values", jt, "", `{"text":"Paris"} {"text":"Lyon"}`, 0, "more than one"},
		{"JSON missing text", jt, "", `{"id":"x"}`, 0, `"text"`},
		{"JSON empty text", jt, "", `{"text":"  "}`, 0, "empty"},
		{"JSON text wrong type", jt, "", `{"text":42}`, 0, "malformed JSON"},
		{"JSON invalid UTF-8", jt, "", "{\"text\":\"Paris \xff\"}", 0, "UTF-8"},
		{"JSON bad published", jt, "", `{"text":"Paris","published":"last week"}`, 0, "published"},
		{"JSONL malformed line", nd, "", ok + "\n" + ok + "\n{oops\n", 3, "malformed JSON"},
		{"JSONL empty text line", nd, "", ok + "\n\n" + `{"text":""}`, 3, "empty"},
		{"JSONL invalid UTF-8 line", nd, "", ok + "\n{\"text\":\"\xc3\"}", 2, "UTF-8"},
		{"JSONL no documents", nd, "", "\n \n", 0, "no documents"},
		{"bad format", tx, "?format=kml", "Paris", 0, "format"},
		{"bad published query", tx, "?published=2024-13-45", "Paris", 0, "published"},
		{"unknown role", tx, "?roles=event,soon", "Paris", 0, `"soon"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, "POST", ts.URL+"/v1/extract"+tc.query, tc.ctype, strings.NewReader(tc.body))
			wantError(t, resp, body, http.StatusBadRequest, tc.line, tc.contains)
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, tc := range []struct{ method, path, allow string }{
		{"GET", "/v1/extract", "POST"},
		{"PUT", "/v1/extract", "POST"},
		{"POST", "/healthz", "GET, HEAD"},
		{"DELETE", "/", "GET, HEAD"},
		{"POST", "/v1/config", "GET, HEAD"},
	} {
		resp, body := do(t, tc.method, ts.URL+tc.path, "", nil)
		wantError(t, resp, body, http.StatusMethodNotAllowed, 0, "")
		if got := resp.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
	}
}

func TestBodyTooLarge(t *testing.T) {
	_, ts := newTestServer(t, Config{MaxBody: 1 << 10, MaxBatch: 2})
	big := strings.Repeat("Paris and Lyon. ", 100) // 1.6 KB
	// With a Content-Length: refused before reading.
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader(big))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 0, "limit")
	// Chunked, length unknown: refused once the limit is passed.
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "text/plain", io.MultiReader(strings.NewReader(big)))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 0, "limit")
	// Exactly at the limit is fine.
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader(big[:1<<10]))
	if resp.StatusCode != 200 {
		t.Errorf("body at the limit: %d %s", resp.StatusCode, body)
	}
	// A batch over MaxBatch documents.
	line := `{"text":"Paris."}` + "\n"
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "application/x-ndjson", strings.NewReader(line+line+line))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 3, "batch")
}

func TestDefaultBodyLimit(t *testing.T) {
	s, ts := newTestServer(t, Config{})
	if s.Config().MaxBody != 10<<20 {
		t.Fatalf("default MaxBody %d, want 10 MB", s.Config().MaxBody)
	}
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", bytes.NewReader(bytes.Repeat([]byte("a "), 5<<20+1)))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 0, "limit")
}

func TestUnsupportedMediaType(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, ct := range []string{"application/xml", "image/png", "multipart/form-data; boundary=x", "not a type;;"} {
		resp, body := do(t, "POST", ts.URL+"/v1/extract", ct, strings.NewReader("Paris"))
		wantError(t, resp, body, http.StatusUnsupportedMediaType, 0, "content type")
	}
}

// stubServer is a server whose extraction is fn.
func stubServer(t *testing.T, cfg Config, fn func(context.Context, extract.Document) (extract.Result, error)) *httptest.Server {
	t.Helper()
	s, ts := newTestServer(t, cfg)
	s.extract = fn
	return ts
}

func TestBusy(t *testing.T) {
	entered := make(chan struct{}, 4)
	release := make(chan struct{})
	ts := stubServer(t, Config{MaxConcurrent: 1}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		entered <- struct{}{}
		<-release
		return extract.Result{Document: d}, nil
	})
	first := postInBackground(ts.URL+"/v1/extract", "Paris")
	<-entered
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Lyon"))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "busy")
	if ra := resp.Header.Get("Retry-After"); ra == "" {
		t.Error("503 without Retry-After")
	}
	// Health checks and the page are not limited.
	if resp, _ := do(t, "GET", ts.URL+"/healthz", "", nil); resp.StatusCode != 200 {
		t.Errorf("/healthz while busy: %d", resp.StatusCode)
	}
	close(release)
	if got := <-first; got != 200 {
		t.Errorf("first request: %d", got)
	}
	// The slot is free again.
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Lyon"))
	if resp.StatusCode != 200 {
		t.Errorf("after release: %d %s", resp.StatusCode, body)
	}
}

func TestTimeout(t *testing.T) {
	ts := stubServer(t, Config{Timeout: 50 * time.Millisecond}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		<-ctx.Done()
		return extract.Result{}, ctx.Err()
	})
	start := time.Now()
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Paris"))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "timed out")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("timeout without Retry-After")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

// A stuck extraction that ignores its context still gets the request a
// 503 at the deadline, and keeps its slot until it really ends.
func TestTimeoutHoldsSlot(t *testing.T) {
	release := make(chan struct{})
	ts := stubServer(t, Config{Timeout: 50 * time.Millisecond, MaxConcurrent: 1}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		<-release
		return extract.Result{Document: d}, nil
	})
	defer close(release)
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Paris"))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "timed out")
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Paris"))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "busy")
}

func TestStaticPage(t *testing.T) {
	_, ts := newTestServer(t, Config{Tiles: "https://tiles.example.org/{z}/{x}/{y}.png", TilesAttribution: "© Example"})
	resp, body := do(t, "GET", ts.URL+"/", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	page := string(body)
	for _, want := range []string{"vendor/leaflet.js", "vendor/leaflet.markercluster.js", "app.js", `id="text"`, `id="extract"`, `id="download"`, `id="from"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Nothing is fetched from elsewhere: no absolute URL in the page or
	// its script.
	_, js := do(t, "GET", ts.URL+"/app.js", "", nil)
	for name, s := range map[string]string{"index.html": page, "app.js": string(js)} {
		if strings.Contains(s, "http://") || strings.Contains(s, "https://") || strings.Contains(s, `src="//`) {
			t.Errorf("%s refers to another host", name)
		}
	}
	for _, p := range []string{"/app.js", "/app.css", "/vendor/leaflet.js", "/vendor/leaflet.css", "/vendor/leaflet.markercluster.js",
		"/vendor/MarkerCluster.css", "/vendor/MarkerCluster.Default.css", "/vendor/images/marker-icon.png", "/vendor/images/marker-shadow.png"} {
		if resp, b := do(t, "GET", ts.URL+p, "", nil); resp.StatusCode != 200 || len(b) == 0 {
			t.Errorf("GET %s: %d, %d bytes", p, resp.StatusCode, len(b))
		}
	}
	resp, body = do(t, "GET", ts.URL+"/vendor/countries.geojson", "", nil)
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &fc) != nil || fc.Type != "FeatureCollection" || len(fc.Features) < 150 {
		t.Errorf("countries.geojson: %d, %d features", resp.StatusCode, len(fc.Features))
	}
	if len(body) > 300<<10 {
		t.Errorf("countries.geojson is %d bytes, want ≤ 300 KB", len(body))
	}
	resp, body = do(t, "GET", ts.URL+"/v1/config", "", nil)
	var cfg struct{ Tiles, Attribution string }
	if resp.StatusCode != 200 || json.Unmarshal(body, &cfg) != nil || cfg.Tiles != "https://tiles.example.org/{z}/{x}/{y}.png" || cfg.Attribution != "© Example" {
		t.Errorf("GET /v1/config: %d %s", resp.StatusCode, body)
	}
	for _, p := range []string{"/no-such-file", "/vendor/", "/vendor/images/"} {
		if resp, _ := do(t, "GET", ts.URL+p, "", nil); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestAccessLog(t *testing.T) {
	var logs syncBuffer
	_, ts := newTestServer(t, Config{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	do(t, "GET", ts.URL+"/healthz", "", nil)
	do(t, "POST", ts.URL+"/v1/extract", "application/json", strings.NewReader("{"))
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2:\n%s", len(lines), logs.String())
	}
	for i, want := range []struct {
		method, path string
		status       float64
	}{{"GET", "/healthz", 200}, {"POST", "/v1/extract", 400}} {
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &m); err != nil {
			t.Fatal(err)
		}
		if m["method"] != want.method || m["path"] != want.path || m["status"] != want.status {
			t.Errorf("line %d: %s", i+1, lines[i])
		}
		for _, k := range []string{"bytes", "duration_ms", "remote", "time"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, k, lines[i])
			}
		}
		if m["bytes"].(float64) <= 0 {
			t.Errorf("line %d: bytes %v", i+1, m["bytes"])
		}
	}
}

// One shared Extractor serves concurrent requests with the same answers.
func TestConcurrentRequests(t *testing.T) {
	_, ts := newTestServer(t, Config{MaxConcurrent: 64})
	text := fixtureText(t)
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Post(ts.URL+"/v1/extract?published=2024-08-22", "text/plain", strings.NewReader(text))
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				t.Errorf("status %d %s", resp.StatusCode, b)
			}
			bodies[i] = string(b)
		}()
	}
	wg.Wait()
	for i := range bodies {
		if bodies[i] != bodies[0] {
			t.Fatalf("response %d differs from response 0", i)
		}
	}
}

func TestRolesQuery(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	text := "Firefighters put out a fire in Lyon on Monday. The minister will visit Marseille on Friday."
	count := func(query string) (n int, roles []string) {
		resp, body := do(t, "POST", ts.URL+"/v1/extract?format=geojsonseq&published=2024-05-08"+query, "text/plain", strings.NewReader(text))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, resp.StatusCode, body)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
			if line == "" {
				continue
			}
			var f struct {
				Properties struct {
					Role string `json:"role"`
				} `json:"properties"`
			}
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "\x1e")), &f); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			n++
			roles = append(roles, f.Properties.Role)
		}
		return n, roles
	}
	if n, roles := count(""); n != 1 || roles[0] != "event" {
		t.Errorf("default roles: %d features %v, want the fire in Lyon", n, roles)
	}
	if n, roles := count("&roles=event,planned"); n != 2 || roles[1] != "planned" {
		t.Errorf("roles=event,planned: %d features %v, want the fire and the planned visit", n, roles)
	}
}

// postInBackground posts text to url from another goroutine and sends
// the answer's status on the channel it returns (-1 for no answer).
func postInBackground(url, text string) <-chan int {
	status := make(chan int, 1)
	go func() {
		resp, err := http.Post(url, "text/plain", strings.NewReader(text))
		if err != nil {
			status <- -1
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	return status
}
