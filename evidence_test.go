package quickwin

import (
	"testing"
	"time"
)

func TestEvidenceRetryDelay(t *testing.T) {
	for _, c := range []struct {
		attempts int
		want     time.Duration
	}{{0, time.Minute}, {1, time.Minute}, {2, 2 * time.Minute}, {5, 16 * time.Minute}, {9, 256 * time.Minute}, {10, 6 * time.Hour}, {100, 6 * time.Hour}} {
		if got := EvidenceRetryDelay(c.attempts); got != c.want {
			t.Errorf("EvidenceRetryDelay(%d) = %v, want %v", c.attempts, got, c.want)
		}
	}
}

func TestMergeEvidence(t *testing.T) {
	a, b, c := Evidence{FileID: "a"}, Evidence{FileID: "b"}, Evidence{FileID: "c"}
	got := MergeEvidence([]Evidence{a, b}, []Evidence{b, c, c})
	if len(got) != 3 || got[0] != a || got[1] != b || got[2] != c {
		t.Errorf("MergeEvidence = %+v, want a, b, c", got)
	}
}
