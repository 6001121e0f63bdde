package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // register decoders for DecodeConfig
	"image/jpeg"
	_ "image/png"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
)

type storedFile struct {
	id, uniqueID, path, name, mime string
	kind                           string // "photo" or "document"
	data                           []byte
	width, height                  int
}

// FileInfo describes a file known to the server (uploaded by the bot or by
// a scripted user).
type FileInfo struct {
	FileID       string
	FileUniqueID string
	FilePath     string
	Name         string
	MimeType     string
	Data         []byte
}

// File returns a known file by file_id.
func (s *Server) File(fileID string) (FileInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return FileInfo{}, false
	}
	return FileInfo{FileID: f.id, FileUniqueID: f.uniqueID, FilePath: f.path, Name: f.name,
		MimeType: f.mime, Data: append([]byte(nil), f.data...)}, true
}

func (s *Server) registerFileLocked(kind, name string, data []byte, w, h int) *storedFile {
	s.nextFile++
	n := s.nextFile
	f := &storedFile{kind: kind, name: name, data: data, width: w, height: h,
		uniqueID: fmt.Sprintf("AQADuniq%d", n)}
	ext := path.Ext(name)
	if kind == "photo" {
		f.id = fmt.Sprintf("AgACphoto%d", n)
		if ext == "" {
			ext = ".jpg"
		}
		f.path = fmt.Sprintf("photos/file_%d%s", n, ext)
	} else {
		f.id = fmt.Sprintf("BQACdoc%d", n)
		f.path = fmt.Sprintf("documents/file_%d%s", n, ext)
	}
	f.mime = mime.TypeByExtension(ext)
	if f.mime == "" {
		if kind == "photo" {
			f.mime = "image/jpeg"
		} else {
			f.mime = "application/octet-stream"
		}
	}
	s.files[f.id] = f
	s.filesByPath[f.path] = f
	return f
}

// registerPhotoLocked stores a photo as Telegram does: a thumbnail size and
// the full size (both downloadable, same bytes). The last size is the largest.
func (s *Server) registerPhotoLocked(name string, data []byte) []apiPhotoSize {
	w, h := 1280, 960
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		w, h = cfg.Width, cfg.Height
	}
	tw, th := w, h
	if tw > 90 || th > 90 {
		if tw >= th {
			tw, th = 90, max(1, h*90/w)
		} else {
			tw, th = max(1, w*90/h), 90
		}
	}
	thumb := s.registerFileLocked("photo", name, data, tw, th)
	full := s.registerFileLocked("photo", name, data, w, h)
	return []apiPhotoSize{photoSize(thumb), photoSize(full)}
}

func photoSize(f *storedFile) apiPhotoSize {
	return apiPhotoSize{FileID: f.id, FileUniqueID: f.uniqueID, Width: f.width, Height: f.height, FileSize: len(f.data)}
}

func documentOf(f *storedFile) *apiDocument {
	return &apiDocument{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: len(f.data)}
}

// mediaSource is what the bot passed for one file.
type mediaSource struct {
	upload *upload
	fileID string
	url    string
	known  *storedFile
}

func (s *Server) resolveMediaLocked(req *request, value, field string) (mediaSource, *apiError) {
	if strings.HasPrefix(value, "attach://") {
		field, value = strings.TrimPrefix(value, "attach://"), ""
	}
	if up, ok := req.files[field]; ok && value == "" {
		return mediaSource{upload: &up}, nil
	}
	switch {
	case value == "":
		return mediaSource{}, badRequest("there is no %s in the request", field)
	case strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://"):
		return mediaSource{url: value}, nil
	}
	f := s.files[value]
	if f == nil {
		return mediaSource{}, badRequest("wrong file identifier/HTTP URL specified")
	}
	return mediaSource{fileID: value, known: f}, nil
}

// attachMediaLocked fills m (photo or document) and the Sent file fields.
func (s *Server) attachMediaLocked(m *storedMsg, x *Sent, kind string, src mediaSource) {
	switch {
	case src.upload != nil:
		x.FileName, x.FileBytes = src.upload.name, bytes.Clone(src.upload.data)
		if kind == "photo" {
			m.photo = s.registerPhotoLocked(src.upload.name, src.upload.data)
		} else {
			m.document = documentOf(s.registerFileLocked("document", src.upload.name, src.upload.data, 0, 0))
		}
	case src.known != nil:
		f := src.known
		x.FileID, x.FileName, x.FileBytes = src.fileID, f.name, bytes.Clone(f.data)
		if kind == "photo" {
			m.photo = []apiPhotoSize{photoSize(f)}
		} else {
			m.document = documentOf(f)
		}
	default: // URL: Telegram would download it; we store no bytes.
		x.FileURL = src.url
		name := path.Base(src.url)
		if kind == "photo" {
			m.photo = s.registerPhotoLocked(name, nil)
		} else {
			m.document = documentOf(s.registerFileLocked("document", name, nil, 0, 0))
		}
	}
	if m.photo != nil {
		x.ResultFileID = m.photo[len(m.photo)-1].FileID
	} else {
		x.ResultFileID = m.document.FileID
	}
}

func (s *Server) handleSendPhoto(req *request) (any, *apiError) {
	return s.sendFile(req, "photo")
}

func (s *Server) handleSendDocument(req *request) (any, *apiError) {
	return s.sendFile(req, "document")
}

func (s *Server) sendFile(req *request, kind string) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	caption, pm := req.params["caption"], req.params["parse_mode"]
	if e := checkText(caption, pm, MaxCaptionLen, "message caption is too long", s.strict()); e != nil {
		return nil, e
	}
	kb, canon, replyKB, e := parseReplyMarkup(req.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	src, e := s.resolveMediaLocked(req, req.params[kind], kind)
	if e != nil {
		return nil, e
	}
	replyTo, e := s.replyToLocked(req, chatID)
	if e != nil {
		return nil, e
	}
	m := s.newMessageLocked(chatID, true, s.bot)
	m.caption, m.parseMode, m.markup, m.keyboard, m.replyTo = caption, pm, canon, kb, replyTo
	x := Sent{Method: req.method, ChatID: chatID, MessageID: m.id, Text: caption, ParseMode: pm,
		ReplyMarkup: kb, ReplyKeyboard: replyKB, Params: req.paramsCopy()}
	s.attachMediaLocked(m, &x, kind, src)
	s.recordLocked(x)
	return s.apiMessageLocked(m, 0), nil
}

type inputMedia struct {
	Type      string `json:"type"`
	Media     string `json:"media"`
	Caption   string `json:"caption"`
	ParseMode string `json:"parse_mode"`
}

func (s *Server) handleSendMediaGroup(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	var media []inputMedia
	if err := json.Unmarshal([]byte(req.params["media"]), &media); err != nil {
		return nil, badRequest("can't parse media JSON object")
	}
	if len(media) < 2 || len(media) > 10 {
		return nil, badRequest("wrong number of media in the group: must include 2-10 items")
	}
	strict := s.strict()
	for _, it := range media {
		if it.Type != "photo" && it.Type != "document" && it.Type != "video" && it.Type != "audio" {
			return nil, badRequest("unsupported media type %q", it.Type)
		}
		if e := checkText(it.Caption, it.ParseMode, MaxCaptionLen, "message caption is too long", strict); e != nil {
			return nil, e
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	srcs := make([]mediaSource, len(media))
	for i, it := range media {
		if srcs[i], e = s.resolveMediaLocked(req, it.Media, "media"); e != nil {
			return nil, e
		}
	}
	replyTo, e := s.replyToLocked(req, chatID)
	if e != nil {
		return nil, e
	}
	s.nextMediaGroup++
	group := fmt.Sprintf("1%016d", s.nextMediaGroup)
	out := make([]*apiMessage, 0, len(media))
	for i, it := range media {
		kind := "document"
		if it.Type == "photo" {
			kind = "photo"
		}
		m := s.newMessageLocked(chatID, true, s.bot)
		m.caption, m.parseMode, m.mediaGrp, m.replyTo = it.Caption, it.ParseMode, group, replyTo
		x := Sent{Method: req.method, ChatID: chatID, MessageID: m.id, Text: it.Caption,
			ParseMode: it.ParseMode, MediaGroupID: group, Params: req.paramsCopy()}
		s.attachMediaLocked(m, &x, kind, srcs[i])
		s.recordLocked(x)
		out = append(out, s.apiMessageLocked(m, 0))
	}
	return out, nil
}

func (s *Server) handleGetFile(req *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[req.params["file_id"]]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	return apiFile{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: len(f.data), FilePath: f.path}, nil
}

// serveFile answers GET /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		writeError(w, &apiError{Code: 404, Description: "Not Found"})
		return
	}
	if rest[:i] != s.token {
		writeError(w, &apiError{Code: 401, Description: "Unauthorized"})
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, &apiError{Code: 405, Description: "Method Not Allowed"})
		return
	}
	s.mu.Lock()
	s.calls["<file download>"]++
	f := s.filesByPath[rest[i+1:]]
	s.mu.Unlock()
	if f == nil {
		writeError(w, &apiError{Code: 404, Description: "Not Found"})
		return
	}
	w.Header().Set("Content-Type", f.mime)
	w.Header().Set("Content-Length", fmt.Sprint(len(f.data)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(f.data)
	}
}

var (
	defaultPhotoOnce sync.Once
	defaultPhoto     []byte
)

// DefaultPhoto returns the small JPEG (64x48) used by User.SendPhoto.
func DefaultPhoto() []byte {
	defaultPhotoOnce.Do(func() {
		img := image.NewRGBA(image.Rect(0, 0, 64, 48))
		for y := 0; y < 48; y++ {
			for x := 0; x < 64; x++ {
				img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 128, 255})
			}
		}
		var buf bytes.Buffer
		_ = jpeg.Encode(&buf, img, nil)
		defaultPhoto = buf.Bytes()
	})
	return append([]byte(nil), defaultPhoto...)
}
