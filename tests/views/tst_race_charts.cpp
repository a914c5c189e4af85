// The log-det chart's floor n ln(lambda): where ANMIN's tau test can and cannot trigger.
#include <QChart>
#include <QTest>
#include <cmath>

#include "charts/loss_chart.h"
#include "charts/race_charts.h"

using namespace lreg::views;

class TestRaceCharts : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void logDetFloorSaysWhenTauCannotTrigger() {
    RaceCharts charts;
    QVERIFY(std::isnan(charts.logDetFloor()));
    // SDF, h = 64, d = 2: n = 192; 192 ln(1e-3) = -1326.3 lies above tau = -10000.
    charts.setLogDetFloor(192, 1e-3, -10000);
    QVERIFY(std::abs(charts.logDetFloor() - 192 * std::log(1e-3)) < 1e-9);
    QVERIFY(std::abs(charts.logDetFloor() + 1326.3) < 0.1);
    QVERIFY(charts.logdet()->chart()->title().contains(QStringLiteral("-1326")));
    QVERIFY(charts.logdet()->chart()->title().contains(QStringLiteral("cannot fire")));
    QVERIFY(charts.logdet()->toolTip().contains(QStringLiteral("cannot trigger")));
    // A tau above the floor can fire: the chart must not claim otherwise.
    charts.setLogDetFloor(192, 1e-3, -1000);
    QVERIFY(!charts.logdet()->chart()->title().contains(QStringLiteral("cannot")));
    QVERIFY(charts.logdet()->toolTip().contains(QStringLiteral("can switch")));
    // No ridge, no floor; a new race clears it.
    charts.setLogDetFloor(192, 0, -10000);
    QVERIFY(std::isnan(charts.logDetFloor()));
    charts.setLogDetFloor(192, 1e-3, -10000);
    charts.clear();
    QVERIFY(std::isnan(charts.logDetFloor()));
    QVERIFY(charts.logdet()->toolTip().isEmpty());
  }
};

QTEST_MAIN(TestRaceCharts)
#include "tst_race_charts.moc"
