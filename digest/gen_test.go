package digest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"quickwin"
)

// synthetic is a generated tenant of the size the benchmarks measure: nOPD
// OPDs with perOPD quick wins each, reported monthly for months months of
// 2027 (on the 25th, as the monthly prompt asks).
type synthetic struct {
	Tenant    quickwin.Tenant
	OPDs      []quickwin.OPD
	QuickWins []quickwin.QuickWin
	Reports   []quickwin.Report
}

func generate(tenantID string, nOPD, perOPD, months int, seed uint64) *synthetic {
	rnd := rand.New(rand.NewPCG(seed, 7))
	g := &synthetic{Tenant: quickwin.Tenant{ID: tenantID, Name: "Kabupaten " + tenantID, TimeZone: "Asia/Jakarta", Lang: "id"}}
	y := 2027
	for o := 1; o <= nOPD; o++ {
		code := fmt.Sprintf("OPD%02d", o)
		g.OPDs = append(g.OPDs, quickwin.OPD{ID: tenantID + "-" + code, TenantID: tenantID, Code: code,
			Name: fmt.Sprintf("Dinas Urusan Pemerintahan Nomor %02d", o), Active: true})
		for n := 1; n <= perOPD; n++ {
			c := quickwin.QuickWin{
				ID: fmt.Sprintf("%s-%s-%02d", tenantID, code, n), TenantID: tenantID, Code: quickwin.QuickWinCode(code, n), OPDCode: code,
				Title: fmt.Sprintf("Quick win %d dengan judul yang cukup panjang & jelas", n), Year: y,
				Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter, Target: 100, Unit: "%",
				Start: day(y, 1, 1), Deadline: day(y, time.Month(3+rnd.IntN(10)), 1+rnd.IntN(28)), Status: quickwin.StatusActive,
				Description: "Deskripsi quick win untuk ukuran dokumen yang realistis.", CreatedBy: tenantID + "-m1",
			}
			if n%5 == 0 {
				c.Kind, c.Direction, c.Target, c.Unit = quickwin.KindMilestone, "", 0, ""
			}
			for s := 0; s < 4; s++ {
				st := quickwin.Step{ID: fmt.Sprintf("s%d", s), Title: fmt.Sprintf("Langkah aksi %d", s+1), Owner: "Seksi", Due: day(y, time.Month(2+3*s), 15)}
				if rnd.IntN(3) > 0 && s < months/3 {
					st.DoneAt = st.Due.AddDate(0, 0, rnd.IntN(10)-5)
				}
				c.Steps = append(c.Steps, st)
			}
			for m := 1; m <= months; m++ {
				if rnd.IntN(10) == 0 {
					continue // a month without a report
				}
				v := float64(rnd.IntN(120))
				at := day(y, time.Month(m), 25).Add(10 * time.Hour)
				r := quickwin.Report{ID: fmt.Sprintf("%s-r%02d", c.ID, m), TenantID: tenantID, QuickWinID: c.ID, OPDCode: code,
					Date: at, Note: "Realisasi bulan ini sesuai rencana kerja.", ReporterID: tenantID + "-m1", State: quickwin.VerifyVerified,
					Evidence: []quickwin.Evidence{{FileID: "AgACAgUAAxkBAAIBY2Z" + c.ID, Kind: "photo"}}, CreatedAt: at, UpdatedAt: at}
				if c.Kind == quickwin.KindNumeric {
					r.Value = &v
				}
				if rnd.IntN(8) == 0 {
					r.State = quickwin.VerifyPending
				}
				g.Reports = append(g.Reports, r)
				c.LastValue, c.LastReportAt, c.LastReportID, c.LastState = r.Value, at, r.ID, r.State
				if r.State == quickwin.VerifyVerified {
					c.VerifiedValue = r.Value
				}
			}
			g.QuickWins = append(g.QuickWins, c)
		}
	}
	return g
}

// clone copies quick wins deeply enough for evaluate, which moves their
// times into the tenant's zone.
func clone(cs []quickwin.QuickWin) []quickwin.QuickWin {
	out := make([]quickwin.QuickWin, len(cs))
	for i, c := range cs {
		c.Steps = append([]quickwin.Step(nil), c.Steps...)
		out[i] = c
	}
	return out
}
