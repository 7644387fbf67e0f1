package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// The decoder is strict: another format version, a stray byte or a
// non-zero header padding byte is an error, not a misread model.
func TestLoadStrict(t *testing.T) {
	var buf bytes.Buffer
	if err := trainTiny(t, nil).Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := Load(bytes.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for name, b := range map[string][]byte{
		"version 2":     edit(func(b []byte) []byte { b[len(magic)-1] = 2; return b }),
		"trailing byte": edit(func(b []byte) []byte { return append(b, 0) }),
		"header pad":    edit(func(b []byte) []byte { b[hdrSize-1] = 1; return b }),
		"flags":         edit(func(b []byte) []byte { b[len(magic)+4] |= 0x80; return b }),
		"hash bits":     edit(func(b []byte) []byte { b[len(magic)] = maxRelBits + 1; return b }),
		"sparse tail":   edit(func(b []byte) []byte { return b[:len(b)-1] }),
	} {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// A model whose bytes are not 8-byte aligned (the rows are then copied
// rather than used in place) tags the same.
func TestLoadUnaligned(t *testing.T) {
	var buf bytes.Buffer
	m := trainTiny(t, nil)
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, buf.Len()+1)
	copy(b[1:], buf.Bytes())
	m2, err := parse(b[1:])
	if err != nil {
		t.Fatal(err)
	}
	if len(m2.w.rel) != len(m.w.rel) || len(m2.dw.rel) != len(m.dw.rel) {
		t.Fatal("rows lost")
	}
	for _, ex := range readTiny(t) {
		if a, b := m.Tag(ex.Tokens), m2.Tag(ex.Tokens); !reflect.DeepEqual(a, b) {
			t.Errorf("unaligned: %v, want %v", b, a)
		}
	}
	if got, want := m2.Tag(strings.Fields("Maria Lopez visited Lisbon .")), m.Tag(strings.Fields("Maria Lopez visited Lisbon .")); !reflect.DeepEqual(got, want) {
		t.Errorf("unaligned: %v, want %v", got, want)
	}
}
