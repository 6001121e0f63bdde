package telegramtest

// ForgetFile makes the server forget a file, as Telegram does with files
// of a bot that was replaced or after a long time: getFile answers 400
// "invalid file_id", a download 404, and sending it by file id 400 "wrong
// file identifier/HTTP URL specified". Tests use it to show that evidence
// archived by the bot outlives Telegram's copy.
func (s *Server) ForgetFile(fileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.files[fileID]; f != nil {
		delete(s.filesByPath, f.path)
		delete(s.files, fileID)
	}
}
