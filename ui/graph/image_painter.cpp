#include "graph/image_painter.h"

#include "style/screen_text.h"

#include "graph/graph_images.h"

#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainter>

namespace bp {

namespace {
// A dashed box with a hint in it: the first of `texts` that fits (the last one anyway).
void paintPlaceholder(QPainter& p, const GraphFrame& f, const QRectF& r, const QStringList& texts) {
    QPen pen(f.colours.color(QPalette::Mid));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(f.layout->unit / 16);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    p.setPen(f.colours.color(QPalette::WindowText));
    p.setFont(f.layout->smallFont);
    const QFontMetricsF fm(f.layout->smallFont);
    const qreal pad = f.layout->unit * 0.4;
    const QRectF inside = r.adjusted(pad, pad, -pad, -pad);
    const int flags = Qt::AlignCenter | Qt::TextWordWrap;
    for (const QString& text : texts) {
        const QRectF need = fm.boundingRect(inside, flags, text);
        if ((need.height() <= inside.height() && need.width() <= inside.width()) ||
            &text == &texts.back()) {
            p.drawText(inside, flags, text);
            return;
        }
    }
}

void paintImage(QPainter& p, const GraphFrame& f, const QRectF& r, const QImage& image,
                const QString& caption) {
    const GraphLayout& g = *f.layout;
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (p.paintEngine() && p.paintEngine()->type() == QPaintEngine::SVG) {
        // SVG viewers smooth scaled images: hand them the pixels already enlarged.
        const QSize big = (r.size() * 2).toSize();
        p.drawImage(r, image.scaled(big, Qt::IgnoreAspectRatio, Qt::FastTransformation));
    } else {
        p.drawImage(r, image);
    }
    p.restore();
    QPen pen(f.colours.color(QPalette::WindowText));
    pen.setWidthF(g.unit / 16);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    p.setFont(g.smallFont);
    const QRectF below(r.left(), r.bottom() + g.unit * 0.15, r.width(), g.unit * 1.1);
    const QFontMetricsF fm(g.smallFont);
    // "x(0), range ±1", or "x(0)" alone where the range does not fit: never cut.
    const QString text = fm.horizontalAdvance(caption) <= below.width()
                             ? caption
                             : caption.section(QStringLiteral(", "), 0, 0);
    p.drawText(below, Qt::AlignHCenter | Qt::AlignTop,
               fm.elidedText(text, Qt::ElideRight, below.width()));
}

// The input image has its own colour range (it is a picture: contrast matters, and
// its values need not be on the scale of the hidden layers'); the caption says it.
void paintInputImages(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[0];
    const QString shape = QStringLiteral("%1\u00d7%2").arg(g.imageRows).arg(g.imageCols);
    if (f.snapshot && f.progress.xCurrent(0) && valuesMatchNetwork(*f.snapshot)) {
        const Vector& input = f.snapshot->values.input;
        const DivergingPalette palette(inputImageRange(input));
        paintImage(p, f, l.image, vectorImage(input, g.imageRows, g.imageCols, palette),
                   QStringLiteral("x(0), range \u00b1%1").arg(screenNumber(palette.range(), 3)));
    } else {
        paintPlaceholder(p, f, l.image, {QStringLiteral("x(0): no record yet")});
    }

    // The incoming weights of the selected unit of layer 1 (node or edge).
    const GraphItem& sel = f.options.selected;
    const int unit = sel.layer == 1 ? sel.node : 0;
    double range = 0;
    const QImage weights =
        f.snapshot && unit >= 1
            ? incomingWeightsImage(f.snapshot->network, 1, unit, g.imageRows, g.imageCols, &range)
            : QImage();
    if (weights.isNull()) {
        paintPlaceholder(p, f, l.weightsImage,
                         {QStringLiteral("Click a unit of layer 1 to see its incoming weights "
                                         "w_{i,j}(1) here as a %1 image")
                              .arg(shape),
                          QStringLiteral("Click a unit of layer 1 to see its weights here"),
                          QStringLiteral("weights of a layer-1 unit")});
        return;
    }
    paintImage(p, f, l.weightsImage, weights,
               QStringLiteral("w_{%1,j}(1), range \u00b1%2").arg(unit).arg(screenNumber(range, 3)));
}

} // namespace

double inputImageRange(const Vector& input) {
    return DivergingPalette::niceRange(input.size() > 0 ? input.cwiseAbs().maxCoeff() : 0.0);
}

void paintImages(QPainter& painter, const GraphFrame& frame) {
    if (frame.layout->empty() || frame.layout->layers[0].mode != LayerMode::Image)
        return;
    painter.save();
    paintInputImages(painter, frame);
    painter.restore();
}

} // namespace bp
