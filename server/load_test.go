package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad drives the real handler on a loopback listener with many times
// more concurrent clients than its concurrency limit, for a bounded number
// of requests and a bounded time. The excess must be turned away with 503
// and Retry-After, never queued into a failure: every accepted request
// gets exactly the answer it gets alone, nothing else comes back, the heap
// after the run is back near where it started and the goroutines of the
// requests are gone. Throughput and p99 latency are logged (run with -v),
// not asserted: they depend on the machine.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const (
		limit    = 2          // Config.MaxConcurrent
		clients  = 16 * limit // concurrent clients: 16× the limit
		requests = 2000
		maxTime  = 60 * time.Second // stop early on a slow machine
		heapMax  = 64 << 20         // allowed heap growth after GC
	)
	_, ts := newTestServer(t, Config{MaxConcurrent: limit})

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

	heapBefore, goBefore := settledHeap(), runtime.NumGoroutine()

	var (
		next     atomic.Int64
		ok, busy atomic.Int64
		mu       sync.Mutex
		lat      []time.Duration // of the 200s
		problems []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	// Peak heap while the load runs, sampled.
	stopSampling := make(chan struct{})
	var peak uint64
	var sampled sync.WaitGroup
	sampled.Add(1)
	go func() {
		defer sampled.Done()
		var ms runtime.MemStats
		for {
			select {
			case <-stopSampling:
				return
			case <-time.After(50 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}()

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
	close(stopSampling)
	sampled.Wait()

	for _, p := range problems {
		t.Error(p)
	}
	done := ok.Load() + busy.Load()
	if ok.Load() == 0 {
		t.Error("no request was accepted")
	}
	if busy.Load() == 0 {
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
	t.Logf("%d requests in %v with %d clients, limit %d: %.0f requests/s; %d × 200 (%.0f/s, p50 %v, p99 %v), %d × 503 (%.0f%%)",
		done, elapsed.Round(time.Millisecond), clients, limit, float64(done)/elapsed.Seconds(),
		ok.Load(), float64(ok.Load())/elapsed.Seconds(), p50.Round(time.Microsecond), p99.Round(time.Microsecond),
		busy.Load(), 100*float64(busy.Load())/float64(max(done, 1)))
	t.Logf("heap in use: %.1f MB before, %.1f MB peak during, %.1f MB after (after GC); goroutines %d before, %d after",
		float64(heapBefore)/(1<<20), float64(peak)/(1<<20), float64(heapAfter)/(1<<20), goBefore, goAfter)
}

// settledHeap returns the heap in use after a full collection.
func settledHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
