package gazetteer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// info.json and gazetteer.idx are two files that can each be replaced,
// damaged or edited without the other changing, so each is bound to
// something the other cannot fake by accident:
//
//   - info.json carries its own SHA-256 (info_sha256, computed over the
//     file as written with those 64 hex digits as zeros), so a damaged or
//     edited info.json is refused;
//   - info.json carries the size and the SHA-256 of the header of the
//     gazetteer.idx it describes (index). That header holds the CRC-32C
//     of every section, and Open checks every section against it, so an
//     index from another build, whose sections differ, does not match.
//
// The link lives in info.json rather than in the index header so that the
// index format, and the embedded 76 MB index built in it, did not change.

// IndexFile identifies the gazetteer.idx an info.json describes.
type IndexFile struct {
	Size         int64  `json:"size"`
	HeaderSHA256 string `json:"header_sha256"` // of the header, which holds each section's CRC-32C
}

// infoChecksumKey introduces info.json's checksum of itself; build writes
// it exactly so (encoding/json), and inside a string a quote is escaped,
// so the bytes can only occur as that member.
const infoChecksumKey = `"info_sha256": "`

// errRebuildInfo ends the errors of an info.json that does not match.
var errRebuildInfo = errors.New("rebuild the index (geoparse gazetteer build)")

// indexFileOf describes the index file whose bytes are data.
func indexFileOf(data []byte) IndexFile {
	sum := sha256.Sum256(data[:min(len(data), headerSize)])
	return IndexFile{Size: int64(len(data)), HeaderSHA256: hex.EncodeToString(sum[:])}
}

// describeIndexFile is indexFileOf for the index file at path, reading
// its header only.
func describeIndexFile(path string) (IndexFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return IndexFile{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return IndexFile{}, err
	}
	hdr := make([]byte, headerSize)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return IndexFile{}, fmt.Errorf("%s: header: %w", path, err)
	}
	d := indexFileOf(hdr)
	d.Size = st.Size()
	return d, nil
}

// marshalInfo writes info as info.json, with its checksum of itself.
func marshalInfo(info Info) ([]byte, error) {
	info.InfoSHA256 = strings.Repeat("0", sha256.Size*2)
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return nil, err
	}
	b = append(b, '\n')
	at, err := infoChecksumAt(b)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	hex.Encode(b[at:at+sha256.Size*2], sum[:])
	return b, nil
}

// infoChecksumAt is where the hex digits of the checksum of info.json
// start in b.
func infoChecksumAt(b []byte) (int, error) {
	i := bytes.Index(b, []byte(infoChecksumKey))
	if i < 0 {
		return 0, errors.New("it has no info_sha256 checksum (written by a geoparse older than the checksum, or edited)")
	}
	if bytes.LastIndex(b, []byte(infoChecksumKey)) != i {
		return 0, errors.New("it has more than one info_sha256 checksum")
	}
	at := i + len(infoChecksumKey)
	if len(b) < at+sha256.Size*2+1 || b[at+sha256.Size*2] != '"' {
		return 0, errors.New("its info_sha256 is not a SHA-256")
	}
	return at, nil
}

// parseInfo reads info.json (raw, named name in errors) and checks it
// against its own checksum and against the index file data it must
// describe.
func parseInfo(raw, data []byte, name string) (Info, error) {
	var info Info
	fail := func(format string, args ...any) (Info, error) {
		return info, fmt.Errorf("gazetteer: open index: %s: %s; %w", name, fmt.Sprintf(format, args...), errRebuildInfo)
	}
	at, err := infoChecksumAt(raw)
	if err != nil {
		return fail("%v", err)
	}
	want := string(raw[at : at+sha256.Size*2])
	zeroed := bytes.Clone(raw)
	copy(zeroed[at:], strings.Repeat("0", sha256.Size*2))
	sum := sha256.Sum256(zeroed)
	if got := hex.EncodeToString(sum[:]); got != want {
		return fail("checksum mismatch (info_sha256 %.12s…, content %.12s…): the file is damaged or was edited", want, got)
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return fail("%v", err)
	}
	if info.InfoSHA256 != want {
		return fail("its info_sha256 is given twice")
	}
	if info.FormatVersion != formatVersion {
		return fail("format version %d, this program reads version %d", info.FormatVersion, formatVersion)
	}
	if have := indexFileOf(data); info.Index != have {
		return fail("it describes another %s (%d bytes, header sha256 %.12s…) than the one beside it (%d bytes, header sha256 %.12s…): the two files come from different builds",
			indexFileName, info.Index.Size, info.Index.HeaderSHA256, have.Size, have.HeaderSHA256)
	}
	return info, nil
}
