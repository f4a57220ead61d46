#pragma once
#include <fstream>
#include <string>

namespace bp {

// Writes a file so that it appears whole or not at all: the text goes to a
// temporary file beside the target, which commit() flushes, syncs and renames
// over the target. Destroyed without commit(), the temporary file is removed and
// the target is left as it was. Errors throw InputError naming the path.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return m_out; }
    void commit();

private:
    std::string m_path;
    std::string m_tempPath;
    std::ofstream m_out;
    bool m_committed = false;
};

} // namespace bp
