package invitecard

import "testing"

// BenchmarkInvitePDF40 renders the cards of 40 OPDs (5 A4 pages), as
// /undang massal does for a whole regency.
func BenchmarkInvitePDF40(b *testing.B) {
	cards := cardsFor(40)
	for b.Loop() {
		if _, err := (Printer{}).InvitePDF(tenant, cards, "id"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInviteWorkbook40 writes the same 40 invites as a workbook.
func BenchmarkInviteWorkbook40(b *testing.B) {
	cards := cardsFor(40)
	for b.Loop() {
		if _, err := (Printer{}).InviteWorkbook(tenant, cards, "id"); err != nil {
			b.Fatal(err)
		}
	}
}
