package main

import (
	"fmt"
	"math"

	"github.com/dustin/go-humanize"
)

// parseSize reads a size flag with go-humanize: a byte count (1048576),
// an IEC size (512KiB, 10MiB, 1GiB: powers of 1024) or an SI size (10MB:
// powers of 1000), the unit in any case and a space allowed before it.
func parseSize(s string) (int64, error) {
	n, err := humanize.ParseBytes(s)
	if err != nil || n == 0 || n > math.MaxInt64 {
		return 0, fmt.Errorf("%q: want a positive size such as 10MiB", s)
	}
	return int64(n), nil
}
