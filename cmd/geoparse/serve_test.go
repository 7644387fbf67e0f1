package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type serving struct {
	url    string
	stderr *lockedBuffer
	stop   context.CancelFunc
	done   chan error
}

// startServe runs geoparse serve --addr 127.0.0.1:0 ARGS... until the test
// ends or stop is called.
func startServe(t *testing.T, args ...string) *serving {
	t.Helper()
	addrc := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	ctx = context.WithValue(ctx, serveHookKey{}, serveHook(func(addr string) { addrc <- addr }))
	s := &serving{stderr: &lockedBuffer{}, stop: cancel, done: make(chan error, 1)}
	cmd := newRootCommand(strings.NewReader(""), io.Discard, s.stderr)
	cmd.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	go func() { s.done <- cmd.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	select {
	case addr := <-addrc:
		s.url = "http://" + addr
	case err := <-s.done:
		t.Fatalf("serve ended: %v\n%s", err, s.stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return s
}

// wait stops the server and returns the command's error.
func (s *serving) wait(t *testing.T) error {
	t.Helper()
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
		return nil
	}
}

func TestServeCommand(t *testing.T) {
	s := startServe(t)
	resp, err := http.Get(s.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz: %d", resp.StatusCode)
	}
	text, err := os.ReadFile(fixture("harbor-fire.txt"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err = http.Post(s.url+"/v1/extract?published=2024-08-22", "text/plain", bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"place":"Pátra"`) {
		t.Fatalf("POST /v1/extract: %d %.300s", resp.StatusCode, body)
	}
	resp, err = http.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "leaflet.js") {
		t.Errorf("GET /: %.200s", page)
	}
	if err := s.wait(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	// One JSON access-log line a request, then the shutdown.
	var requests int
	for _, line := range strings.Split(strings.TrimSpace(s.stderr.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stderr line is not JSON: %q", line)
		}
		if m["msg"] == "request" {
			requests++
		}
	}
	if requests != 3 || !strings.Contains(s.stderr.String(), `"msg":"stopped"`) {
		t.Errorf("%d request lines, want 3:\n%s", requests, s.stderr.String())
	}
}

// SIGTERM (the command's context canceled) lets a request in progress
// finish before the server stops.
func TestServeGracefulShutdown(t *testing.T) {
	s := startServe(t)
	pr, pw := io.Pipe()
	type result struct {
		status int
		body   string
		err    error
	}
	resc := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", s.url+"/v1/extract?published=2024-08-22", pr)
		req.Header.Set("Content-Type", "text/plain")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			resc <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resc <- result{status: resp.StatusCode, body: string(b)}
	}()
	io.WriteString(pw, "Greek Prime Minister Kyriakos Mitsotakis on Thursday visited ")
	time.Sleep(500 * time.Millisecond) // the request is in progress
	s.stop()
	time.Sleep(200 * time.Millisecond) // shutdown has begun
	io.WriteString(pw, "the port city of Patras.")
	pw.Close()
	r := <-resc
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, "Pátra") {
		t.Fatalf("request in progress at shutdown: %d %v %.200s", r.status, r.err, r.body)
	}
	if err := s.wait(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	// After shutdown nothing listens.
	if _, err := http.Get(s.url + "/healthz"); err == nil {
		t.Error("server still answering after shutdown")
	}
}

// slowRequest sends head on a new connection to addr and then drip, one
// byte every 100 ms, until the server answers or closes the connection;
// it returns what was read (the answer's start, or nothing) and when.
func slowRequest(t *testing.T, addr, head, drip string) <-chan []byte {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	answered := make(chan struct{})
	go func() {
		for i := 0; ; i = (i + 1) % len(drip) {
			select {
			case <-answered:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if _, err := conn.Write([]byte{drip[i]}); err != nil {
				return
			}
		}
	}()
	out := make(chan []byte, 1)
	go func() {
		defer close(answered)
		buf := make([]byte, 4096)
		n, _ := conn.Read(buf) // an answer, or the connection's end
		out <- buf[:n]
	}()
	return out
}

// Clients that send their headers or bodies slowly hold no slot: with
// --max-concurrent 1, two bodies and one header block dripping one byte
// every 100 ms, an article is still extracted; the bodies get 408 after
// --body-timeout and the headers are cut off after as long.
func TestServeSlowClients(t *testing.T) {
	s := startServe(t, "--body-timeout", "1s", "--max-concurrent", "1")
	addr := strings.TrimPrefix(s.url, "http://")
	const post = "POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n"
	start := time.Now()
	headers := slowRequest(t, addr, post, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n")
	bodies := []<-chan []byte{
		slowRequest(t, addr, post+"Content-Length: 1000\r\n\r\n", "a"),
		slowRequest(t, addr, post+"Transfer-Encoding: chunked\r\n\r\n", "1\r\na\r\n"),
	}
	time.Sleep(300 * time.Millisecond) // the slow requests are in progress
	text, err := os.ReadFile(fixture("harbor-fire.txt"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(s.url+"/v1/extract?published=2024-08-22", "text/plain", bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("article while slow clients send: %d %.300s", resp.StatusCode, body)
	}
	for i, c := range bodies {
		select {
		case got := <-c:
			if !strings.HasPrefix(string(got), "HTTP/1.1 408 ") || !strings.Contains(string(got), `"error":`) {
				t.Errorf("slow body %d: answer %q, want 408 with a JSON error", i+1, got)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("slow body %d: no answer in 30 s", i+1)
		}
	}
	select {
	case got := <-headers:
		if len(got) != 0 {
			t.Errorf("slow headers: answer %q, want the connection closed", got)
		}
		if d := time.Since(start); d < 500*time.Millisecond {
			t.Errorf("slow headers cut off after %s, before the header timeout of 1s", d)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("slow headers: connection still open after 30 s")
	}
}

func TestServeConfigFromEnv(t *testing.T) {
	t.Setenv("GEOPARSE_MAX_BODY", "1KiB")
	t.Setenv("GEOPARSE_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
	s := startServe(t)
	resp, err := http.Post(s.url+"/v1/extract", "text/plain", strings.NewReader(strings.Repeat("Paris. ", 200)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("1.4 KB body with GEOPARSE_MAX_BODY=1KiB: %d, want 413", resp.StatusCode)
	}
	resp, err = http.Get(s.url + "/v1/config")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Tiles   string `json:"tiles"`
		MaxBody int64  `json:"max_body"`
	}
	json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()
	if cfg.Tiles != "https://tiles.example.org/{z}/{x}/{y}.png" || cfg.MaxBody != 1024 {
		t.Errorf("config %+v", cfg)
	}
}

func TestServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--max-body", "lots"},
		{"serve", "--max-article", "0"},
		{"serve", "--timeout", "0s"},
		{"serve", "--body-timeout", "0s"},
		{"serve", "--write-timeout", "-1s"},
		{"serve", "--addr", "127.0.0.1:99999"},
		{"serve", "extra-arg"},
	} {
		if _, _, err := run(t, "", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"10MiB": 10 << 20, "10MB": 10e6, "512kib": 512 << 10, "512kb": 512e3, "1GiB": 1 << 30, "1048576": 1 << 20, "2 MiB": 2 << 20, "100B": 100, "1.5MB": 1.5e6} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "0", "ten", "99999999EiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
