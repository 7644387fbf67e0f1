package gazetteer

import (
	_ "embed" // for the default index
	"errors"
	"fmt"
	"unsafe"
)

// The default index, built by Build from GeoNames cities500,
// admin1CodesASCII and countryInfo plus the dr5hn countries and states
// CSVs (default/info.json lists the exact sources). Embedded as strings,
// not an embed.FS, because embed.FS.ReadFile copies the 17 MB.
var (
	//go:embed default/gazetteer.idx
	defaultIndex string
	//go:embed default/info.json
	defaultInfo string
)

// Default opens the embedded default index, in place: the embedded bytes
// are read-only and are never copied. Its checksums are not checked here
// (they are part of the program, which the system loaded whole; a test
// checks them), so that opening it costs nothing; its info.json is, as
// Open's is, against itself and the index header (microseconds).
func Default() (*Index, error) {
	ix, err := load(stringBytes(defaultIndex), stringBytes(defaultInfo), "gazetteer/default/info.json (embedded)", false)
	if err != nil {
		if errors.Is(err, errRebuildInfo) { // names the embedded info.json already
			return nil, err
		}
		return nil, fmt.Errorf("%w (embedded default)", err)
	}
	return ix, nil
}

// stringBytes views s as bytes; the result must not be written to.
func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
