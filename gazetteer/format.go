package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"sync"
)

// The index file is one byte slice read in place; nothing is decoded up
// front except a few tiny tables. Layout (all integers little endian):
//
//	header   magic[8] version:u32 nsections:u32
//	         nsections × (offset:u64 length:u64 crc:u32 zero:u32)
//	         crc:u32 of the header bytes before it
//	meta     u32 × metaFields: record count, country range, ADM1 range
//	trie     radix trie of the normalized names, without values (for fuzzy
//	         walks; see trie.go)
//	postings uvarint count, then count × uvarint record index, best first
//	records  fixed recordSize-byte records (see rec* offsets)
//	strings  uvarint length + bytes, addressed by offset
//	fcodes   uvarint n, n × (uvarint len, bytes): "class.code" by index
//	aliases  uvarint n, n × (uvarint len, raw bytes, uvarint record<<2|kind):
//	         case-sensitive forms; kind 0 a country's ("U.S."), 1 a
//	         division's abbreviation ("Calif."), 2 a division's postal code,
//	         read only as a qualifier ("Dayton, OH")
//	demonyms uvarint n, n × (uvarint len, normalized bytes, iso2[2]), sorted
//	variants vellum FST: variant key (variantKey) → value as in names, for the
//	         places of variantCountry countries only
//	names    hash table: normalized name → value (see nameTable); value&1==0:
//	         record index = value>>1, value&1==1: postings offset = value>>1
//	rtrie    radix trie of the same names, each with its bytes after the
//	         first reversed (turnAround: fuzzy walks from the end of a
//	         name; see fuzzyKeys)
//
// The sections follow each other with no gap, the last one ending the
// file. Each crc is a CRC-32C (Castagnoli, computed in hardware at several
// GB/s). Open reads the whole file into memory and checks the header, the
// section bounds and the section checksums every time, so a truncated,
// damaged or half-copied index is refused with a message to rebuild it
// rather than giving wrong places. info.json, beside the file, is tied to
// it by the SHA-256 of this header (info.go).
const (
	magic = "GZIDX\x00\r\n"

	// formatVersion changes whenever the layout or the meaning of a field
	// changes; Open refuses any other version.
	//
	// Version 2: streaming build of the full GeoNames dump, variant keys.
	// Version 3: hash table of the names for exact lookups; the name FST
	// holds no values.
	// Version 4: radix tries of the names and of the reversed names
	// instead of their FST, for fuzzy walks 5-13 times faster; section
	// checksums.
	// Version 5: the reversed trie keeps the first byte of a name first,
	// so that a walk from the end of a name meets only the names of the
	// first byte fuzzy lookups keep (60% fewer nodes entered).
	// Version 6: the aliases section holds the abbreviations of
	// divisions too, each with its kind.
	formatVersion = 6

	aliasCountry   = 0
	aliasAbbrev    = 1
	aliasQualifier = 2

	indexFileName = "gazetteer.idx"
	infoFileName  = "info.json"
)

const (
	secMeta = iota
	secTrie
	secPostings
	secRecords
	secStrings
	secFCodes
	secAliases
	secDemonyms
	secVariants
	secNames
	secRevTrie
	numSections
)

// sectionNames name the sections in errors.
var sectionNames = [numSections]string{"meta", "trie", "postings", "records", "strings", "fcodes", "aliases", "demonyms", "variants", "names", "reversed trie"}

const (
	sectionEntrySize = 24
	headerSize       = 16 + numSections*sectionEntrySize + 4
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

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
	crc      uint32 // of the header
	sections [numSections][]byte
	crcs     [numSections]uint32
}

func parseHeader(data []byte) (header, error) {
	var h header
	var err error
	if h.version, err = checkMagic(data); err != nil {
		return h, err
	}
	n := binary.LittleEndian.Uint32(data[12:])
	if n != numSections || len(data) < headerSize {
		return h, fmt.Errorf("%w: %d sections", errFormat, n)
	}
	h.crc = binary.LittleEndian.Uint32(data[headerSize-4:])
	if crc32.Checksum(data[:headerSize-4], crcTable) != h.crc {
		return h, fmt.Errorf("%w: header checksum mismatch", errFormat)
	}
	end := uint64(headerSize)
	for i := 0; i < numSections; i++ {
		e := data[16+i*sectionEntrySize:]
		off := binary.LittleEndian.Uint64(e)
		ln := binary.LittleEndian.Uint64(e[8:])
		if off != end || ln > uint64(len(data))-off {
			return h, fmt.Errorf("%w: %s section out of bounds (file truncated?)", errFormat, sectionNames[i])
		}
		h.sections[i] = data[off : off+ln : off+ln]
		h.crcs[i] = binary.LittleEndian.Uint32(e[16:])
		end = off + ln
	}
	if end != uint64(len(data)) {
		return h, fmt.Errorf("%w: %d bytes after the last section", errFormat, uint64(len(data))-end)
	}
	return h, nil
}

// checkMagic checks that data starts as an index of this format version
// does, and returns the version.
func checkMagic(data []byte) (uint32, error) {
	if len(data) < 16 || string(data[:8]) != magic {
		return 0, fmt.Errorf("%w: bad magic, not a gazetteer index", errFormat)
	}
	v := binary.LittleEndian.Uint32(data[8:])
	if v != formatVersion {
		return v, fmt.Errorf("gazetteer: index format version %d, this program reads version %d: rebuild the index (geoparse gazetteer build)", v, formatVersion)
	}
	return v, nil
}

// verify checks the checksum of every section, the big ones side by side.
func (h *header) verify() error {
	errs := make([]error, numSections)
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i := range h.sections {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if crc32.Checksum(h.sections[i], crcTable) != h.crcs[i] {
				errs[i] = fmt.Errorf("%w: %s section checksum mismatch", errFormat, sectionNames[i])
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
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
