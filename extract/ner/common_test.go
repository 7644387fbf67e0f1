package ner

import "testing"

func TestIsCommonWord(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"major", "troops", "back", "KEY", "Soldiers"} {
		if !m.IsCommonWord(w) {
			t.Errorf("%q should be a common word", w)
		}
	}
	for _, w := range []string{"London", "germany", "Sievierodonetsk", "Qwzxv", ""} {
		if m.IsCommonWord(w) {
			t.Errorf("%q should not be a common word", w)
		}
	}
}
