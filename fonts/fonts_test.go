package fonts

import (
	"bytes"
	"strings"
	"testing"
)

func TestFontsAreTrueTypeWithTheirLicence(t *testing.T) {
	for name, data := range map[string][]byte{"regular": NotoSansRegular, "bold": NotoSansBold} {
		if !bytes.HasPrefix(data, []byte{0, 1, 0, 0}) || len(data) < 100_000 {
			t.Errorf("%s: not a TrueType font (%d bytes)", name, len(data))
		}
	}
	if !strings.Contains(License, "SIL OPEN FONT LICENSE") || !strings.Contains(License, "Noto Sans") {
		t.Error("the OFL licence text is missing")
	}
}
