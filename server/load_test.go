package server

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad drives the real handler on a loopback listener with many times
// more concurrent clients than its concurrency limit, for a bounded number
// of requests and a bounded time, while a few slow clients send their
// bodies one byte every 100 ms. The excess must be turned away with 503
// and Retry-After, never queued into a failure: every accepted request
// gets exactly the answer it gets alone, nothing else comes back, the slow
// clients get 408 (or 503 when every slot is busy as they come) and nothing
// else, the heap after the run is back near
// where it started and the goroutines of the requests are gone.
// Throughput, latency and memory are logged (run with -v), not asserted:
// they depend on the machine.
//
// By default (skipped with -short) it is a short run: 2000 requests from 32
// clients against a limit of 2. GEOPARSE_LOAD_DURATION (e.g. 60s, at most
// 10m) makes it a timed run without a request cap, from
// GEOPARSE_LOAD_CLIENTS clients (default 20) against the limit geoparse
// serve has by default (2 × GOMAXPROCS):
//
//	GEOPARSE_LOAD_DURATION=60s go test ./server -run '^TestLoad$' -v -count=1
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const (
		slowClients = 4                      // sending their bodies one byte every 100 ms
		bodyTimeout = 300 * time.Millisecond // for the slow clients; the others send at once
		heapMax     = 64 << 20               // allowed heap growth after GC
		maxDuration = 10 * time.Minute
		maxClients  = 256
	)
	var (
		limit    = 2          // Config.MaxConcurrent
		clients  = 16 * limit // concurrent clients: 16× the limit
		requests = int64(2000)
		maxTime  = 20 * time.Second // stop early on a slow machine
		timed    = false
	)
	if v := os.Getenv("GEOPARSE_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > maxDuration {
			t.Fatalf("GEOPARSE_LOAD_DURATION=%q: want a duration up to %s", v, maxDuration)
		}
		timed, maxTime, requests = true, d, math.MaxInt64
		limit, clients = 0, 20 // 0: the server's default, as geoparse serve has it
		if v := os.Getenv("GEOPARSE_LOAD_CLIENTS"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 || n > maxClients {
				t.Fatalf("GEOPARSE_LOAD_CLIENTS=%q: want 1 to %d", v, maxClients)
			}
			clients = n
		}
	}
	s, ts := newTestServer(t, Config{MaxConcurrent: limit, BodyTimeout: bodyTimeout})
	limit = s.Config().MaxConcurrent
	// Loopback only: the load never leaves the machine.
	if ip := ts.Listener.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Fatalf("listening on %s, not loopback", ip)
	}

	// The expected answer for each fixture article, from one request at a
	// time (no contention, so always 200).
	names := []string{"harbor-fire.txt", "lyon-floods.txt", "paris-texas.txt"}
	texts := make([][]byte, len(names))
	want := make([][]byte, len(names))
	url := ts.URL + "/v1/extract?format=jsonl&published=2024-08-22"
	for i, name := range names {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "articles", name))
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = b
		resp, body := do(t, http.MethodPost, url, "text/plain", bytes.NewReader(b))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s alone: status %d: %s", name, resp.StatusCode, body)
		}
		want[i] = body
	}

	// Keep-alive connections for every client, so the test measures the
	// server and does not run out of loopback ports.
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()

	heapBefore, goBefore, rssBefore := settledHeap(), runtime.NumGoroutine(), rss()

	var (
		next           atomic.Int64
		ok, busy       atomic.Int64
		slow, slowBusy atomic.Int64 // the slow clients' 408s and 503s
		mu             sync.Mutex
		lat            []time.Duration // of the 200s
		problems       []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	// Peak heap and resident memory while the load runs, sampled.
	stop := make(chan struct{})
	var (
		peakHeap uint64
		rssSeen  []uint64 // one sample every 250 ms
	)
	var background sync.WaitGroup
	background.Add(1)
	go func() {
		defer background.Done()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			peakHeap = max(peakHeap, ms.HeapInuse)
			rssSeen = append(rssSeen, rss())
		}
	}()
	// The slow clients: each sends a body too slowly, gets its 408 and
	// starts again, holding no slot all the while.
	addr := ts.Listener.Addr().String()
	for range slowClients {
		background.Add(1)
		go func() {
			defer background.Done()
			for {
				answer, closeConn, err := drip(addr, 1000, 100*time.Millisecond)
				if err != nil {
					fail("slow client: %v", err)
					return
				}
				select {
				case <-stop:
					closeConn()
					return
				case r := <-answer:
					closeConn()
					switch {
					case r.err == nil && r.status == http.StatusRequestTimeout:
						slow.Add(1)
					case r.err == nil && r.status == http.StatusServiceUnavailable && r.header.Get("Retry-After") != "":
						// Every slot was busy as it came: turned away
						// before its body was read.
						slowBusy.Add(1)
					default:
						fail("slow client: status %d, %v: %s", r.status, r.err, r.body)
						return
					}
				}
			}
		}()
	}

	start := time.Now()
	deadline := start.Add(maxTime)
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := next.Add(1)
				if n > requests || time.Now().After(deadline) {
					return
				}
				i := int(n) % len(texts)
				t0 := time.Now()
				resp, err := client.Post(url, "text/plain", bytes.NewReader(texts[i]))
				if err != nil {
					fail("request %d: %v", n, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				switch {
				case err != nil:
					fail("request %d: reading the body: %v", n, err)
				case resp.StatusCode == http.StatusOK:
					ok.Add(1)
					if !bytes.Equal(body, want[i]) {
						fail("request %d (%s): 200 with a different answer:\n%s", n, names[i], body)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				case resp.StatusCode == http.StatusServiceUnavailable:
					busy.Add(1)
					if resp.Header.Get("Retry-After") == "" {
						fail("request %d: 503 without Retry-After: %s", n, body)
					}
				default:
					fail("request %d: status %d: %s", n, resp.StatusCode, body)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	background.Wait()
	rssEnd := rss()

	for _, p := range problems {
		t.Error(p)
	}
	done := ok.Load() + busy.Load()
	if ok.Load() == 0 {
		t.Error("no request was accepted")
	}
	if busy.Load() == 0 && !timed {
		t.Errorf("no 503 with %d clients over a limit of %d", clients, limit)
	}

	tr.CloseIdleConnections()
	heapAfter := settledHeap()
	// The server's connection goroutines end once the client closes its
	// connections; give them a moment.
	goAfter := runtime.NumGoroutine()
	for wait := time.Now().Add(5 * time.Second); goAfter > goBefore+2 && time.Now().Before(wait); goAfter = runtime.NumGoroutine() {
		time.Sleep(20 * time.Millisecond)
	}
	if goAfter > goBefore+2 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the load, %d before:\n%s", goAfter, goBefore, buf[:runtime.Stack(buf, true)])
	}
	if heapAfter > heapBefore+heapMax {
		t.Errorf("heap in use %d MB after the load, %d MB before", heapAfter>>20, heapBefore>>20)
	}

	slices.Sort(lat)
	var p50, p99 time.Duration
	if len(lat) > 0 {
		p50, p99 = lat[len(lat)/2], lat[(len(lat)*99)/100]
	}
	t.Logf("%d requests in %v with %d clients, limit %d: %.0f requests/s; %d × 200 (%.0f/s, p50 %v, p99 %v), %d × 503 (%.0f%%); %d slow clients got %d × 408 and %d × 503",
		done, elapsed.Round(time.Millisecond), clients, limit, float64(done)/elapsed.Seconds(),
		ok.Load(), float64(ok.Load())/elapsed.Seconds(), p50.Round(time.Microsecond), p99.Round(time.Microsecond),
		busy.Load(), 100*float64(busy.Load())/float64(max(done, 1)), slowClients, slow.Load(), slowBusy.Load())
	t.Logf("heap in use: %.1f MB before, %.1f MB peak during, %.1f MB after (after GC); goroutines %d before, %d after",
		float64(heapBefore)/(1<<20), float64(peakHeap)/(1<<20), float64(heapAfter)/(1<<20), goBefore, goAfter)
	if rssBefore > 0 && len(rssSeen) > 0 {
		// Flat means the quarters of the run look alike.
		quarters := make([]string, 0, 5)
		for q := range 5 {
			quarters = append(quarters, fmt.Sprintf("%.0f", float64(rssSeen[min(q*len(rssSeen)/4, len(rssSeen)-1)])/(1<<20)))
		}
		t.Logf("resident memory of the test process (server and clients): %.0f MB before, %s MB at 0/25/50/75/100%% of the run, %.0f MB peak, %.0f MB after",
			float64(rssBefore)/(1<<20), strings.Join(quarters, "/"), float64(slices.Max(rssSeen))/(1<<20), float64(rssEnd)/(1<<20))
	}
}

// rss is the resident memory of this process in bytes (Linux; 0
// elsewhere).
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// settledHeap returns the heap in use after a full collection.
func settledHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
