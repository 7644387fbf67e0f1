package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

// rawResponse is what a hand-written request over a socket got back.
type rawResponse struct {
	status  int
	header  http.Header
	body    []byte
	close   bool // Connection: close
	err     error
	elapsed time.Duration // from the end of the request's headers
}

// dripRequest opens a connection to addr and sends a POST of
// /v1/extract whose body, declared as size bytes (chunked when size < 0),
// comes one byte every interval, until the server answers. The answer is
// read concurrently, so that it is seen before the connection closes.
func dripRequest(t *testing.T, addr string, size int, interval time.Duration) <-chan rawResponse {
	t.Helper()
	answer, closeConn, err := drip(addr, size, interval)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeConn)
	return answer
}

// drip is dripRequest for any goroutine: it returns the answer to come
// and a function that closes the connection.
func drip(addr string, size int, interval time.Duration) (<-chan rawResponse, func(), error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	closeConn := func() { conn.Close() }
	head := "POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n"
	if size >= 0 {
		head += fmt.Sprintf("Content-Length: %d\r\n\r\n", size)
	} else {
		head += "Transfer-Encoding: chunked\r\n\r\n"
	}
	if _, err := io.WriteString(conn, head); err != nil {
		conn.Close()
		return nil, nil, err
	}
	start := time.Now()
	answered := make(chan struct{})
	go func() {
		// One letter at a time; as chunks, one letter a chunk.
		for {
			piece := "a"
			if size < 0 {
				piece = "1\r\na\r\n"
			}
			for i := range len(piece) {
				select {
				case <-answered:
					return
				case <-time.After(interval):
				}
				if _, err := conn.Write([]byte{piece[i]}); err != nil {
					return
				}
			}
		}
	}()
	out := make(chan rawResponse, 1)
	go func() {
		defer close(answered)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			out <- rawResponse{err: err, elapsed: time.Since(start)}
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		out <- rawResponse{status: resp.StatusCode, header: resp.Header, body: body, close: resp.Close, err: err, elapsed: time.Since(start)}
	}()
	return out, closeConn, nil
}

// wantRawError checks a raw answer: status, JSON error body.
func wantRawError(t *testing.T, r rawResponse, status int, contains string) {
	t.Helper()
	if r.err != nil {
		t.Fatalf("no answer: %v (after %s)", r.err, r.elapsed)
	}
	resp := &http.Response{StatusCode: r.status, Header: r.header}
	wantError(t, resp, r.body, status, 0, contains)
}

// Slow clients (the 4 connections sending 1 byte/s, here one byte
// every 100 ms, two with a Content-Length, two chunked) against 2 slots:
// they hold no slot, so every other request is served meanwhile, and each
// gets 408 with a JSON error once BodyTimeout has passed.
func TestSlowBodiesHoldNoSlot(t *testing.T) {
	const bodyTimeout = 2 * time.Second
	_, ts := newTestServer(t, Config{MaxConcurrent: 2, BodyTimeout: bodyTimeout})
	addr := ts.Listener.Addr().String()
	var slow []<-chan rawResponse
	for i := range 4 {
		size := 1000
		if i%2 == 1 {
			size = -1
		}
		slow = append(slow, dripRequest(t, addr, size, 100*time.Millisecond))
	}
	// The slow requests' handlers are running by now: their headers were
	// sent whole and a few bytes of body have come.
	time.Sleep(300 * time.Millisecond)
	for i := range 10 {
		resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract?published=2024-05-02", "text/plain",
			strings.NewReader("Officials met in Lyon on Monday to discuss the floods."))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d while 4 clients send their bodies slowly: status %d: %s", i+1, resp.StatusCode, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i, c := range slow {
		var r rawResponse
		select {
		case r = <-c:
		case <-time.After(bodyTimeout + 30*time.Second):
			t.Fatalf("slow client %d: no answer %s after its body timeout", i+1, 30*time.Second)
		}
		wantRawError(t, r, http.StatusRequestTimeout, "not received within 2s")
		if !r.close {
			t.Errorf("slow client %d: 408 without Connection: close", i+1)
		}
		// The deadline, not something else, ended it.
		if r.elapsed < bodyTimeout/2 {
			t.Errorf("slow client %d answered after %s, before the body timeout of %s", i+1, r.elapsed, bodyTimeout)
		}
	}
}

// The body deadline ends with the body: an extraction that outlasts it is
// not cut short (net/http's background read of the connection must not
// time out and cancel the request as if the client had gone).
func TestBodyDeadlineSparesExtraction(t *testing.T) {
	const bodyTimeout = 150 * time.Millisecond
	ts := stubServer(t, Config{BodyTimeout: bodyTimeout, Timeout: time.Minute}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		select {
		case <-time.After(4 * bodyTimeout):
			return extract.Result{Document: d}, nil
		case <-ctx.Done():
			return extract.Result{}, ctx.Err()
		}
	})
	resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader("Paris"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("extraction longer than the body timeout: status %d: %s", resp.StatusCode, body)
	}
}

// An extraction that stops at its context's deadline frees its slot: the
// next request is served, not turned away as busy.
func TestTimeoutFreesSlot(t *testing.T) {
	const timeout = 100 * time.Millisecond
	var (
		mu       sync.Mutex
		deadline time.Duration // the slow extraction's context deadline, from its start
		returned = make(chan struct{})
	)
	ts := stubServer(t, Config{Timeout: timeout, MaxConcurrent: 1}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		if d.Text != "slow" {
			return extract.Result{Document: d}, nil
		}
		defer close(returned)
		if dl, ok := ctx.Deadline(); ok {
			mu.Lock()
			deadline = time.Until(dl)
			mu.Unlock()
		}
		<-ctx.Done()
		return extract.Result{}, ctx.Err()
	})
	resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader("slow"))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "timed out")
	mu.Lock()
	if deadline <= 0 || deadline > timeout {
		t.Errorf("extraction's context deadline %s from its start, want within the timeout of %s", deadline, timeout)
	}
	mu.Unlock()
	select {
	case <-returned:
	case <-time.After(30 * time.Second):
		t.Fatal("the timed-out extraction's context did not end in 30 s")
	}
	// The slot goes back just after the extraction returns.
	status := waitForStatus(t, ts.URL, "fast", 5*time.Second)
	if status != http.StatusOK {
		t.Fatalf("after the timed-out extraction returned: status %d, want 200", status)
	}
}

// waitForStatus posts text until the answer is not a 503, for at most
// wait, and returns the last status.
func waitForStatus(t *testing.T, url, text string, wait time.Duration) int {
	t.Helper()
	end := time.Now().Add(wait)
	for {
		resp, _ := do(t, http.MethodPost, url+"/v1/extract", "text/plain", strings.NewReader(text))
		if resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(end) {
			return resp.StatusCode
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The answer is written in the slot: with one slot, while a client does
// not read a large answer, others get 503; once it has read it, or once
// WriteTimeout has passed (the connection is then cut), the slot is free.
func TestAnswerWrittenInSlot(t *testing.T) {
	const (
		writeTimeout = 2 * time.Second
		bigTitle     = 16 << 20 // ≫ the socket buffers below
	)
	extracted := make(chan struct{}, 2)
	s, err := New(Config{Extractor: extractor(t), MaxConcurrent: 1, WriteTimeout: writeTimeout})
	if err != nil {
		t.Fatal(err)
	}
	s.extract = func(ctx context.Context, d extract.Document) (extract.Result, error) {
		if d.Text != "big" {
			return extract.Result{Document: d}, nil
		}
		defer func() { extracted <- struct{}{} }()
		d.Title = strings.Repeat("t", bigTitle)
		return extract.Result{Document: d}, nil
	}
	ts := httptest.NewUnstartedServer(s)
	// Small socket buffers, so that an unread answer blocks its writer.
	ts.Config.ConnState = func(c net.Conn, st http.ConnState) {
		if tc, ok := c.(*net.TCPConn); ok && st == http.StateNew {
			tc.SetWriteBuffer(64 << 10)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)

	// request sends the big request and reads the answer's headers only.
	request := func() (net.Conn, *http.Response) {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		conn.(*net.TCPConn).SetReadBuffer(64 << 10)
		if _, err := io.WriteString(conn, "POST /v1/extract?format=jsonl HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nbig"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 4<<10), nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("big answer: status %d", resp.StatusCode)
		}
		<-extracted
		return conn, resp
	}

	// A client that reads slowly keeps the slot...
	_, resp := request()
	r, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader("small"))
	wantError(t, r, body, http.StatusServiceUnavailable, 0, "busy")
	// ...until it has read its answer, which is whole.
	all, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("reading the big answer: %v", err)
	}
	var ann struct{ Title string }
	if err := json.Unmarshal(all, &ann); err != nil || len(ann.Title) != bigTitle {
		t.Fatalf("big answer read slowly: %v, title of %d bytes", err, len(ann.Title))
	}
	if status := waitForStatus(t, ts.URL, "small", 5*time.Second); status != http.StatusOK {
		t.Fatalf("after the big answer was read: status %d, want 200", status)
	}

	// A client that never reads keeps it for WriteTimeout, then its
	// answer is cut off.
	start := time.Now()
	_, resp = request()
	status := waitForStatus(t, ts.URL, "small", writeTimeout+30*time.Second)
	if status != http.StatusOK {
		t.Fatalf("after the write timeout: status %d, want 200", status)
	}
	if d := time.Since(start); d < writeTimeout {
		t.Errorf("slot free after %s, before the write timeout of %s: was the answer written in the slot?", d, writeTimeout)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err == nil {
		t.Error("an answer cut off at the write timeout read as whole")
	}
}

// Bodies being received share MaxReceiving bytes: a request that would
// pass it gets 503 while a smaller one still fits, and a body that times
// out gives its bytes back.
func TestReceivingBudget(t *testing.T) {
	const (
		limit       = 64 << 10
		bodyTimeout = time.Second
	)
	_, ts := newTestServer(t, Config{MaxBody: limit, MaxReceiving: limit, BodyTimeout: bodyTimeout, MaxConcurrent: 8})
	// 60 KiB of a 64 KiB body, then silence.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", limit, strings.Repeat("Paris. ", 60<<10/7))
	stalled := make(chan error, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestTimeout {
				err = fmt.Errorf("status %d, want 408", resp.StatusCode)
			}
		}
		stalled <- err
	}()

	eightK := strings.Repeat("Lyon. ", 8<<10/6)
	// Once the server holds the 60 KiB, 8 KiB more do not fit.
	end := time.Now().Add(bodyTimeout / 2)
	refused := false
	for !refused && time.Now().Before(end) {
		resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader(eightK))
		switch resp.StatusCode {
		case http.StatusServiceUnavailable:
			wantError(t, resp, body, http.StatusServiceUnavailable, 0, "busy")
			refused = true
		case http.StatusOK:
			time.Sleep(10 * time.Millisecond)
		default:
			t.Fatalf("8 KiB body: status %d: %s", resp.StatusCode, body)
		}
	}
	if !refused {
		t.Fatal("8 KiB body on top of 60 KiB being received, with a budget of 64 KiB: never refused")
	}
	// 2 KiB still fit.
	if resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader(eightK[:2<<10])); resp.StatusCode != http.StatusOK {
		t.Fatalf("2 KiB body within the budget: status %d: %s", resp.StatusCode, body)
	}
	select {
	case err := <-stalled:
		if err != nil {
			t.Fatalf("stalled body: %v", err)
		}
	case <-time.After(bodyTimeout + 30*time.Second):
		t.Fatal("stalled body: no 408")
	}
	// Its 60 KiB are given back.
	if resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader(eightK)); resp.StatusCode != http.StatusOK {
		t.Fatalf("8 KiB body after the stalled one timed out: status %d: %s", resp.StatusCode, body)
	}
}

func TestMaxReceivingBelowMaxBody(t *testing.T) {
	_, err := New(Config{Extractor: extractor(t), MaxBody: 1 << 20, MaxReceiving: 1 << 10})
	if err == nil || !strings.Contains(err.Error(), "MaxReceiving") {
		t.Fatalf("MaxReceiving below MaxBody: error %v", err)
	}
}

// An extraction that panics costs its request a 500, not the process.
func TestExtractionPanic(t *testing.T) {
	ts := stubServer(t, Config{}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		panic(errors.New("bad input"))
	})
	resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader("Paris"))
	wantError(t, resp, body, http.StatusInternalServerError, 0, "internal error")
	if strings.Contains(string(body), "bad input") {
		t.Errorf("the panic's value reached the client: %s", body)
	}
}

// longDocument is prose of at least n bytes: a few news sentences
// repeated with varying numbers, days and places, so that every sentence
// has entities, dates and places to resolve.
func longDocument(n int) string {
	places := []string{"Lyon", "Grenoble", "Marseille", "Toulouse", "Geneva", "Kyiv", "Patras", "Izium"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		p, q, d := places[i%len(places)], places[(i/3+1)%len(places)], days[i%len(days)]
		fmt.Fprintf(&b, "Officials in %s said on %s that the floods had closed %d roads near %s. ", p, d, i%97+2, q)
		fmt.Fprintf(&b, "The mayor, Anne Martin, visited %s on %s with Kyriakos Mitsotakis. ", q, d)
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// A long document's extraction stops at the request's deadline, not at
// the document's end, and its slot is free again once it has. Wall-clock
// bounds are relative to the time an eighth of the document takes whole
// on this machine (partTime): the whole document takes at least 8 times
// that (the cost is at least linear in its size); the deadline is at 2
// times and stopping must take less than 4 more. Other work on the machine
// can make one trial's stop look late against its own measure, so a late
// stop fails only when three trials in a row are late; an extraction that
// does not stop at all fails at once.
func TestTimeoutStopsLongExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 2 MB document")
	}
	ex := extractor(t)
	doc := longDocument(2 << 20)
	part := doc[:strings.LastIndex(doc[:len(doc)/8], ". ")+1]
	var late []string
	for trial := 1; trial <= 3; trial++ {
		msg := stopTrial(t, ex, doc, part)
		if msg == "" {
			return
		}
		t.Logf("trial %d: %s", trial, msg)
		late = append(late, msg)
	}
	t.Errorf("late in every trial: %s", strings.Join(late, "; "))
}

// stopTrial runs one trial of TestTimeoutStopsLongExtraction; it returns
// "" when the extraction stopped in time, else how late it was.
func stopTrial(t *testing.T, ex *extract.Extractor, doc, part string) string {
	t.Helper()
	t0 := time.Now()
	if _, err := ex.Extract(context.Background(), extract.Document{Text: part}); err != nil {
		t.Fatal(err)
	}
	partTime := time.Since(t0)
	// The deadline comes about a quarter of the way through, past the
	// stages that read the whole text at once (tokens, sentences), and
	// stopping must come before three quarters.
	timeout := max(2*partTime, 50*time.Millisecond)
	bound := 4 * partTime

	s, ts := newTestServer(t, Config{Timeout: timeout, MaxConcurrent: 1})
	type returned struct {
		err          error
		deadline, at time.Time
	}
	long := make(chan returned, 1)
	s.extract = func(ctx context.Context, d extract.Document) (extract.Result, error) {
		res, err := ex.Extract(ctx, d)
		if len(d.Text) == len(doc) {
			dl, _ := ctx.Deadline()
			long <- returned{err, dl, time.Now()}
		}
		return res, err
	}
	start := time.Now()
	resp, body := do(t, http.MethodPost, ts.URL+"/v1/extract", "text/plain", strings.NewReader(doc))
	wantError(t, resp, body, http.StatusServiceUnavailable, 0, "timed out")
	var r returned
	// Waiting for the whole document would take minutes if it is not
	// stopped: give up once stopping is late by a wide margin.
	select {
	case r = <-long:
	case <-time.After(time.Until(start.Add(timeout + bound + partTime + 2*time.Second))):
		t.Fatalf("the extraction of the %d-byte document has not returned %s after its %s deadline (an eighth of it alone takes %s): Extract does not stop at its context's deadline inside a document",
			len(doc), time.Since(start.Add(timeout)).Round(time.Millisecond), timeout, partTime.Round(time.Millisecond))
	}
	switch {
	case r.err == nil:
		t.Fatalf("Extract ran the whole %d-byte document (%s, an eighth of it alone %s) past its %s deadline: it does not stop at its context's deadline inside a document",
			len(doc), r.at.Sub(start).Round(time.Millisecond), partTime.Round(time.Millisecond), timeout)
	case !errors.Is(r.err, context.DeadlineExceeded):
		t.Fatalf("Extract returned %v, want the context's deadline error", r.err)
	case r.deadline.IsZero():
		t.Fatal("the extraction's context had no deadline")
	}
	// The slot goes back as the extraction returns.
	if status := waitForStatus(t, ts.URL, "Officials met in Lyon on Monday.", max(bound, time.Second)); status != http.StatusOK {
		t.Fatalf("after the stopped extraction returned: status %d, want 200", status)
	}
	late := r.at.Sub(r.deadline)
	t.Logf("an eighth of the %d-byte document in %s; the whole stopped %s after its %s deadline",
		len(doc), partTime.Round(time.Millisecond), late.Round(time.Millisecond), timeout.Round(time.Millisecond))
	if late > bound {
		return fmt.Sprintf("Extract returned %s after its deadline; an eighth of the document takes %s whole, so stopping should take less than %s",
			late.Round(time.Millisecond), partTime.Round(time.Millisecond), bound.Round(time.Millisecond))
	}
	return ""
}

// An answer given before the body is read (here: every slot busy) waits
// for the rest of the body, which net/http reads first to keep the
// connection; for a slow client that wait ends at BodyTimeout, not when
// its body would have ended (100 s here).
func TestEarlyAnswerToSlowBody(t *testing.T) {
	const bodyTimeout = 500 * time.Millisecond
	entered := make(chan struct{})
	release := make(chan struct{})
	ts := stubServer(t, Config{MaxConcurrent: 1, BodyTimeout: bodyTimeout}, func(ctx context.Context, d extract.Document) (extract.Result, error) {
		close(entered)
		<-release
		return extract.Result{Document: d}, nil
	})
	first := postInBackground(ts.URL+"/v1/extract", "Paris")
	<-entered
	var r rawResponse
	select {
	case r = <-dripRequest(t, ts.Listener.Addr().String(), 1000, 100*time.Millisecond):
	case <-time.After(bodyTimeout + 30*time.Second):
		t.Fatal("slow body while busy: no answer in 30 s after the body timeout")
	}
	wantRawError(t, r, http.StatusServiceUnavailable, "busy")
	close(release)
	if got := <-first; got != http.StatusOK {
		t.Errorf("first request: %d", got)
	}
}
