package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	fuzzSrvOnce sync.Once
	fuzzSrv     *Server
	fuzzSrvErr  error
)

// FuzzHandleExtract posts arbitrary bodies with each content type: the
// handler never panics and always answers a status with a JSON body (an
// error object for 4xx/5xx).
func FuzzHandleExtract(f *testing.F) {
	for _, s := range []string{
		"Ukrainian President Volodymyr Zelenskyy visited Izium on Wednesday.",
		`{"id":"a","text":"Kyiv.","published":"2022-09-14"}`,
		"{\"text\":\"Kyiv.\"}\n{\"text\":\"Lviv.\"}\n",
		`{"text":"a"} {"text":"b"}`, `{"text":"a","published":"yesterday"}`,
		"", "\x00", "\xff\xfe", "{", "[[[[[[[[[[",
	} {
		for ct := 0; ct < 4; ct++ {
			f.Add([]byte(s), uint8(ct), uint8(0))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, ct, format uint8) {
		fuzzSrvOnce.Do(func() {
			fuzzSrv, fuzzSrvErr = New(Config{Extractor: extractor(t), MaxBody: 1 << 16, MaxBatch: 5, Timeout: time.Minute, MaxConcurrent: 64})
		})
		if fuzzSrvErr != nil {
			t.Fatal(fuzzSrvErr)
		}
		url := "/v1/extract?format=" + []string{"geojson", "geojsonseq", "jsonl", "bogus"}[format%4]
		req := httptest.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		if c := []string{"", "text/plain", "application/json", "application/x-ndjson", "image/png"}[int(ct)%5]; c != "" {
			req.Header.Set("Content-Type", c)
		}
		rec := httptest.NewRecorder()
		fuzzSrv.ServeHTTP(rec, req)
		code := rec.Code
		if code < 200 || code >= 600 || code >= 300 && code < 400 {
			t.Fatalf("status %d", code)
		}
		out := rec.Body.Bytes()
		if code >= 400 {
			var e apiError
			if err := json.Unmarshal(out, &e); err != nil || e.Error == "" {
				t.Fatalf("status %d, body not a JSON error: %q", code, out)
			}
			return
		}
		if format%4 == 0 {
			if !json.Valid(out) {
				t.Fatalf("status %d, body not JSON: %q", code, out)
			}
			return
		}
		for _, l := range bytes.Split(out, []byte("\n")) {
			l = bytes.TrimLeft(l, "\x1e")
			if len(bytes.TrimSpace(l)) > 0 && !json.Valid(l) {
				t.Fatalf("status %d, line not JSON: %q", code, l)
			}
		}
	})
}

// A document over MaxArticle gets 413 naming its line; smaller ones in the
// same size of body pass.
func TestMaxArticle(t *testing.T) {
	_, ts := newTestServer(t, Config{MaxArticle: 100})
	long := strings.Repeat("Kyiv is a city. ", 10)
	resp, body := do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader(long))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 0, "limit")
	batch := `{"text":"Kyiv."}` + "\n" + `{"text":"` + long + `"}` + "\n"
	resp, body = do(t, "POST", ts.URL+"/v1/extract", "application/x-ndjson", strings.NewReader(batch))
	wantError(t, resp, body, http.StatusRequestEntityTooLarge, 2, "limit")
	resp, _ = do(t, "POST", ts.URL+"/v1/extract", "text/plain", strings.NewReader("Kyiv is a city."))
	if resp.StatusCode != http.StatusOK {
		t.Errorf("small article: status %d", resp.StatusCode)
	}
}
