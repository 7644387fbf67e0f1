package gazetteer

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync/atomic"
	"time"
)

// progress reports a build: rows read, rows/s and, from the bytes read
// against the size of the inputs, the share done and the time left. As
// plain lines every few seconds, or as one redrawn bar for a terminal.
type progress struct {
	w     io.Writer
	bar   bool
	start time.Time
	last  time.Time
	rows  int64
	bytes int64 // of the file being read, updated by its source (atomic)
	prior int64 // bytes of the files read before
	total int64
	drawn bool
}

func newProgress(w io.Writer, bar bool, total int64) *progress {
	now := time.Now()
	return &progress{w: w, bar: bar, start: now, last: now, total: total}
}

func (p *progress) interval() time.Duration {
	if p.bar {
		return 200 * time.Millisecond
	}
	return 5 * time.Second
}

// row counts one row read.
func (p *progress) row() {
	p.rows++
	if p.w == nil || p.rows&0x3fff != 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < p.interval() {
		return
	}
	p.last = now
	p.report(now)
}

// fileDone moves a finished file's bytes into the total done.
func (p *progress) fileDone(size int64) {
	atomic.StoreInt64(&p.bytes, 0)
	p.prior += size
}

func (p *progress) report(now time.Time) {
	el := now.Sub(p.start)
	rate := float64(p.rows) / math.Max(el.Seconds(), 1e-3)
	read := p.prior + atomic.LoadInt64(&p.bytes)
	frac := 0.0
	if p.total > 0 {
		frac = math.Min(1, float64(read)/float64(p.total))
	}
	eta := "?"
	if frac > 0.001 {
		eta = (time.Duration(float64(el)*(1-frac)/frac) / time.Second * time.Second).String()
	}
	if p.bar {
		const width = 30
		n := int(frac * width)
		fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %3.0f%% %d rows, %.0f rows/s, reading, ETA %s",
			strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, p.rows, rate, eta)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "gazetteer: %d rows, %.0f rows/s, %.0f%% of input read, ETA %s (reading; indexing follows)\n", p.rows, rate, frac*100, eta)
}

// phase reports progress after the reading: n keys of what indexed.
func (p *progress) phase(what string, n int) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < p.interval() {
		return
	}
	p.last = now
	if p.bar {
		fmt.Fprintf(p.w, "\r\x1b[K%d rows read; indexing %s: %d keys, %s", p.rows, what, n, now.Sub(p.start).Round(time.Second))
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "gazetteer: indexing %s: %d keys, %s\n", what, n, now.Sub(p.start).Round(time.Second))
}

// done prints the final line.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	now := time.Now()
	el := now.Sub(p.start)
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintf(p.w, "gazetteer: %d rows, %.0f rows/s, built in %s\n", p.rows, float64(p.rows)/math.Max(el.Seconds(), 1e-3), el.Round(time.Millisecond))
}
