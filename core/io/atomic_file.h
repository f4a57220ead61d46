#pragma once
#include <string>

namespace bp {

// Writes a file so that it appears whole or not at all: the bytes go to a
// temporary file beside the target (path + kTemporarySuffix + six characters,
// "autosave.json.tmp-k3x9q2"), which commit()
// syncs to disk and renames over the target (keeping an existing file's
// permissions). Destroyed without commit(), the temporary file is removed and
// the target is left as it was. Errors throw InputError(path, "cannot save the
// <what>: <step>: <reason>").
inline constexpr const char* kTemporarySuffix = ".tmp-";

class AtomicFile {
public:
    AtomicFile(std::string path, std::string what);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const char* data, std::size_t size); // buffered
    void write(const std::string& text) { write(text.data(), text.size()); }
    void commit();

private:
    void flushBuffer();
    [[noreturn]] void fail(const std::string& step, int err) const;

    std::string m_path;
    std::string m_what;
    std::string m_tempPath;
    std::string m_buffer;
    int m_fd = -1;
    int m_slot = -1; // in the list removeUnfinishedFiles() reads
    bool m_committed = false;
};

// Removes the temporary file of every AtomicFile not yet committed. For a signal
// handler that ends the program at once (backprop-cli's second Ctrl+C): it only reads a
// fixed list and calls unlink(), which is async-signal-safe. The targets stay as they were.
void removeUnfinishedFiles() noexcept;

// The whole text at once.
void writeFileAtomically(const std::string& path, const std::string& text, const std::string& what);

} // namespace bp
