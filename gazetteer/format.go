package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The index file is one byte slice read in place; nothing is decoded up
// front except a few tiny tables. Layout (all integers little endian):
//
//	header   magic[8] version:u32 nsections:u32 then nsections × (offset:u64 length:u64)
//	meta     u32 × metaFields: record count, country range, ADM1 range
//	fst      vellum FST of the normalized names, without values (for fuzzy walks)
//	postings uvarint count, then count × uvarint record index, best first
//	records  fixed recordSize-byte records (see rec* offsets)
//	strings  uvarint length + bytes, addressed by offset
//	fcodes   uvarint n, n × (uvarint len, bytes): "class.code" by index
//	aliases  uvarint n, n × (uvarint len, raw bytes, uvarint record): case-sensitive forms
//	demonyms uvarint n, n × (uvarint len, normalized bytes, iso2[2]), sorted
//	variants vellum FST: variant key (variantKey) → value as in names, for the
//	         places of variantCountry countries only
//	names    hash table: normalized name → value (see nameTable); value&1==0:
//	         record index = value>>1, value&1==1: postings offset = value>>1
//
// Open memory-maps the file, so opening costs the same whatever its size.
const (
	magic = "GZIDX\x00\r\n"

	// formatVersion changes whenever the layout or the meaning of a field
	// changes; Open refuses any other version.
	//
	// Version 2: streaming build of the full GeoNames dump, variant keys.
	// Version 3: hash table of the names for exact lookups; the name FST
	// holds no values.
	formatVersion = 3

	indexFileName = "gazetteer.idx"
	infoFileName  = "info.json"
)

const (
	secMeta = iota
	secFST
	secPostings
	secRecords
	secStrings
	secFCodes
	secAliases
	secDemonyms
	secVariants
	secNames
	numSections
)

const (
	metaRecords = iota
	metaCountryStart
	metaCountryEnd
	metaAdmin1Start
	metaAdmin1End
	metaFields
)

// Record layout. Coordinates are int32 in units of 1e-5 degree (about 1 m),
// population is saturated to uint32 (it only ranks candidates).
const (
	recID        = 0  // u32 geonameid
	recLat       = 4  // i32
	recLon       = 8  // i32
	recPop       = 12 // u32
	recName      = 16 // u32 string offset
	recAdmin1    = 20 // u32 string offset of the admin1 code
	recAdmin1Rec = 24 // u32 record index of the ADM1 entry, noRecord if none
	recCC        = 28 // [2]byte, zero when unknown
	recFCode     = 30 // u16 index into fcodes ("P.PPLA": class and code)
	recordSize   = 32

	noRecord  = ^uint32(0)
	coordUnit = 1e5
)

var errFormat = errors.New("gazetteer: corrupt index")

type header struct {
	version  uint32
	sections [numSections][]byte
}

func parseHeader(data []byte) (header, error) {
	var h header
	if len(data) < 16 || string(data[:8]) != magic {
		return h, fmt.Errorf("%w: bad magic, not a gazetteer index", errFormat)
	}
	h.version = binary.LittleEndian.Uint32(data[8:])
	if h.version != formatVersion {
		return h, fmt.Errorf("gazetteer: index format version %d, this program reads version %d: rebuild the index (geoparse gazetteer build)", h.version, formatVersion)
	}
	n := binary.LittleEndian.Uint32(data[12:])
	if n != numSections || len(data) < 16+int(n)*16 {
		return h, fmt.Errorf("%w: %d sections", errFormat, n)
	}
	for i := 0; i < numSections; i++ {
		off := binary.LittleEndian.Uint64(data[16+i*16:])
		ln := binary.LittleEndian.Uint64(data[16+i*16+8:])
		if off > uint64(len(data)) || ln > uint64(len(data))-off {
			return h, fmt.Errorf("%w: section %d out of bounds", errFormat, i)
		}
		h.sections[i] = data[off : off+ln : off+ln]
	}
	return h, nil
}

// readString reads a length-prefixed string at off without copying.
func readString(b []byte, off uint32) (string, bool) {
	if int(off) >= len(b) {
		return "", false
	}
	n, k := binary.Uvarint(b[off:])
	if k <= 0 || n > uint64(len(b)-int(off)-k) {
		return "", false
	}
	return bytesString(b[int(off)+k : int(off)+k+int(n)]), true
}
