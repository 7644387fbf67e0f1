package main

import (
	"crypto/sha256"
	"strconv"

	"github.com/geoparse/geoparse/extract"
)

// Document ids must be unique in a batch's output: a feature's id is a
// hash of its document's id, place, date and type, so two documents with
// one id can give two features with one id (the same article twice gives
// nothing but such pairs), which a FeatureCollection must not hold and
// which joins and de-duplication by id would silently merge. And --resume
// skips the documents whose id is already in the output, so a repeat whose
// first was written before a kill was dropped.
//
// So a document whose id an earlier document of the batch already used
// is kept, with a warning naming both, and renamed ID~N: N = 2 for the
// first repeat, then 3, …, skipping any ID~N already used in the batch
// (and so never made the same as an id given in the input before it). The
// renaming depends only on the input order, so every run of the same
// inputs, a resumed one too, gives the same ids: --resume stays exact.
// Only documents read without error take part: one that could not be read
// gives no output, so its id is no one's.

// renameSep joins a repeated id and its number: "doc-1~2". A tilde is
// rare in ids, and unlike '#' it is no part of a URL's syntax (ids are
// often URLs).
const renameSep = "~"

// docIDs tracks the ids used so far in a batch, in input order.
type docIDs struct {
	used map[idKey]idUse
}

// idKey is a hash of an id: 16 bytes a document however long its id
// (often a URL), for batches of millions. SHA-256 truncated to 128 bits
// makes a chance collision, which would rename a document needlessly,
// impossible in practice.
type idKey [16]byte

func keyOf(id string) idKey {
	sum := sha256.Sum256([]byte(id))
	return idKey(sum[:16])
}

// idUse is the first use of an id.
type idUse struct {
	at source // where the document that has it came from
	// next is the N to try first for the id's next repeat (0: 2).
	next int
}

// duplicate is a document that repeated an earlier document's id.
type duplicate struct {
	id, renamed string
	first, at   source
}

func newDocIDs() *docIDs { return &docIDs{used: map[idKey]idUse{}} }

// claim records the id of doc, read from src. When an earlier document
// had it, doc is renamed and the duplicate is returned; else nil.
func (d *docIDs) claim(doc *extract.Document, src source) *duplicate {
	k := keyOf(doc.ID)
	first, repeated := d.used[k]
	if !repeated {
		d.used[k] = idUse{at: src}
		return nil
	}
	n := max(first.next, 2)
	renamed, rk := "", idKey{}
	for ; ; n++ {
		renamed = doc.ID + renameSep + strconv.Itoa(n)
		rk = keyOf(renamed)
		if _, taken := d.used[rk]; !taken {
			break
		}
	}
	first.next = n + 1
	d.used[k] = first
	d.used[rk] = idUse{at: src}
	dup := &duplicate{id: doc.ID, renamed: renamed, first: first.at, at: src}
	doc.ID = renamed
	return dup
}

// maxDuplicateWarnings bounds the warnings of a batch: a file given twice
// repeats every id in it, and thousands of lines would bury the errors.
// The rest are counted at the end.
const maxDuplicateWarnings = 10
