#pragma once
// A paint device that records every text drawn on it and where it went (device
// coordinates), and draws nothing: for tests that check that labels are whole ("…"
// nowhere) and apart. Used with NetworkView::render.
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QTextItem>
#include <vector>

namespace bp::test {

struct DrawnText {
    QString text;
    QRectF rect; // device coordinates
};

// Records drawTextItem; draws nothing else.
class TextRecorder : public QPaintEngine {
public:
    TextRecorder() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF& p, const QTextItem& item) override {
        const QFontMetricsF fm(item.font());
        const QRectF local(p.x(), p.y() - fm.ascent(), item.width(), fm.ascent() + fm.descent());
        texts.push_back({item.text(), painter()->transform().mapRect(local)});
    }
    Type type() const override { return QPaintEngine::User; }
    std::vector<DrawnText> texts;
};

class RecordingDevice : public QPaintDevice {
public:
    explicit RecordingDevice(QSize size) : m_size(size) {}
    QPaintEngine* paintEngine() const override { return &m_engine; }
    const std::vector<DrawnText>& texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(devicePixelRatioFScale());
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return 0x7fffffff;
        default:
            return QPaintDevice::metric(m);
        }
    }

private:
    QSize m_size;
    mutable TextRecorder m_engine;
};

} // namespace bp::test
