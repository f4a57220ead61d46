#include "atomic_file.h"

#include "error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace bp {

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    std::string pattern = m_path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw InputError(m_path, std::string("cannot write here: ") + std::strerror(errno));
    ::close(fd);
    m_tempPath = pattern;
    m_out.open(m_tempPath, std::ios::binary | std::ios::trunc);
    if (!m_out) {
        std::remove(m_tempPath.c_str());
        throw InputError(m_path, "cannot open a temporary file beside it");
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        m_out.close();
        std::remove(m_tempPath.c_str());
    }
}

void AtomicFile::commit() {
    m_out.flush();
    const bool written = static_cast<bool>(m_out);
    m_out.close();
    if (!written || m_out.fail())
        throw InputError(m_path, "writing failed (disk full?); the old file is unchanged");
    // fsync so that the rename never exposes a file whose data is not on disk.
    const int fd = ::open(m_tempPath.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        throw InputError(m_path, std::string("cannot replace it: ") + std::strerror(errno));
    m_committed = true;
}

} // namespace bp
