package evidence_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"quickwin"
)

// photoLike is a JPEG that compresses like a photograph: 1/f ("pink")
// noise in octaves — the statistics of natural images — over a sky-like
// gradient, with a few hard-edged shapes, at Telegram's photo size (long
// side 1280 px) and quality 87. The octaves' weights are set so that it
// takes about 2.1 bits per pixel, within what real photographs re-encoded
// the same way take (1.9–2.8 on the machine's few sample photos; see
// docs/BENCHMARKS-evidence.md).
func photoLike(seed uint64, w, h int) []byte {
	r := rand.New(rand.NewPCG(seed, seed*7+1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	type grid struct {
		step int
		v    [][3]float64
		cols int
	}
	var octaves []grid
	for step, amp := 512, 60.0; step >= 2; step, amp = step/2, amp*0.86 {
		cols, rows := w/step+2, h/step+2
		g := grid{step: step, cols: cols, v: make([][3]float64, cols*rows)}
		for i := range g.v {
			base := (r.Float64()*2 - 1) * amp
			g.v[i] = [3]float64{base + (r.Float64()*2-1)*amp*0.3, base + (r.Float64()*2-1)*amp*0.3, base + (r.Float64()*2-1)*amp*0.3}
		}
		octaves = append(octaves, g)
	}
	sky := [3]float64{90 + r.Float64()*80, 110 + r.Float64()*80, 140 + r.Float64()*80}
	type box struct {
		x0, y0, x1, y1 int
		c              [3]float64
	}
	var boxes []box
	for range 6 + r.IntN(6) {
		x0, y0 := r.IntN(w), h/3+r.IntN(2*h/3)
		boxes = append(boxes, box{x0, y0, x0 + 40 + r.IntN(w/3), y0 + 30 + r.IntN(h/3), [3]float64{r.Float64() * 255, r.Float64() * 255, r.Float64() * 255}})
	}
	for y := range h {
		for x := range w {
			c := sky
			t := float64(y) / float64(h)
			for k := range 3 {
				c[k] = c[k]*(1-t) + 70*t
			}
			for _, b := range boxes {
				if x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1 {
					c = b.c
				}
			}
			for _, g := range octaves {
				gx, gy := x/g.step, y/g.step
				fx, fy := float64(x%g.step)/float64(g.step), float64(y%g.step)/float64(g.step)
				for k := range 3 {
					a := g.v[gy*g.cols+gx][k]*(1-fx) + g.v[gy*g.cols+gx+1][k]*fx
					b := g.v[(gy+1)*g.cols+gx][k]*(1-fx) + g.v[(gy+1)*g.cols+gx+1][k]*fx
					c[k] += a*(1-fy) + b*fy
				}
			}
			img.Set(x, y, color.RGBA{clamp(c[0]), clamp(c[1]), clamp(c[2]), 255})
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 87})
	return buf.Bytes()
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, v))) }

// BenchmarkPhotoSizes reports the sizes of a sample of 24 photo-like JPEGs
// (landscape and portrait) and the storage they project to for one
// regency: 1,000 quick wins, two photos a month each.
func BenchmarkPhotoSizes(b *testing.B) {
	for range b.N {
		var total, smallest, largest int
		for i := range 24 {
			w, h := 1280, 960
			if i%3 == 2 {
				w, h = 960, 1280
			}
			n := len(photoLike(uint64(i+1), w, h))
			total += n
			if smallest == 0 || n < smallest {
				smallest = n
			}
			largest = max(largest, n)
		}
		mean := float64(total) / 24
		b.ReportMetric(mean/1024, "KB/photo")
		b.ReportMetric(float64(smallest)/1024, "KB-min")
		b.ReportMetric(float64(largest)/1024, "KB-max")
		b.ReportMetric(mean*2000/(1<<30), "GB/month")
		b.ReportMetric(mean*24000/(1<<30), "GB/year")
	}
}

// BenchmarkArchiveOnePhoto is the worker's time for one photo: claim,
// download from the fake Telegram on loopback, sha256, store, mark
// archived — on the embedded database, with bytes on disk and in GridFS.
func BenchmarkArchiveOnePhoto(b *testing.B) {
	photo := photoLike(1, 1280, 960)
	for _, where := range []string{"dir", "gridfs"} {
		b.Run(where, func(b *testing.B) {
			g := newBenchRig(b)
			if where == "gridfs" {
				g.arch.Blobs = g.store.GridFSBlobs()
			}
			b.SetBytes(int64(len(photo)))
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				in := g.user.SendPhotoData(append(photo[:len(photo):len(photo)], byte(i), byte(i>>8), byte(i>>16)), "")
				rep := &quickwin.Report{ID: fmt.Sprint("r", i), TenantID: "t1", Date: g.now, Evidence: []quickwin.Evidence{{FileID: in.FileID, Kind: "photo"}}}
				if err := g.store.QueueEvidence(context.Background(), rep); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if n, err := g.arch.ArchiveDue(context.Background()); err != nil || n != 1 {
					b.Fatalf("ArchiveDue = %d, %v", n, err)
				}
			}
		})
	}
}

func newBenchRig(b *testing.B) *rig {
	b.Helper()
	g := newRigTB(b)
	g.arch.Clock = quickwin.ClockFunc(func() time.Time { return g.now })
	return g
}
