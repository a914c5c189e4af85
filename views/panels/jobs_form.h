#pragma once
// The Jobs panel's form: builds a job spec (docs/jobs.md) from the data file, n nodes,
// d components, learning rate, epochs, top-k, mesh update interval, device and backend (with
// Slurm's partition, time limit, CPUs and memory), previews the trainable parameters of the
// connection, N = (C_in + 1) d + d n C, beside LoRA's r (d_in + d_out) for one adapted layer of
// the same shape, and gives the spec as a shell command.
#include <QJsonObject>
#include <QSettings>
#include <QWidget>

#include "jobs/job_manager.h"

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lreg::views {

class JobsForm : public QWidget {
  Q_OBJECT

 public:
  explicit JobsForm(QWidget* parent = nullptr);

  JobRequest request() const;   // the spec (data paths absolute) and the backend
  QString commandLine() const;  // writes the spec and runs the worker on it
  // Connection parameters for the data's shape (0 when the shape is unknown), LoRA's for rank r.
  qint64 connectionParameters() const;
  qint64 loraParameters() const;
  QString previewText() const;

  // An .npz / .safetensors with features, labels and logits, or a table (.csv, .csv.gz: last
  // column the class) from which the worker pretrains the frozen classifier; its shapes are read
  // on a worker thread (shapeRead() follows).
  void setDataFile(const QString& path);
  // Fills the form from a job spec file (e.g. resources/jobs/digits-connection.json): its data
  // (paths resolved against the spec's folder) and options; what the form has no field for (the
  // head, the optimiser, the pretraining) is kept and submitted as the file has it. Returns the
  // problem in words, or an empty string.
  QString loadSpec(const QString& path);
  bool shapeKnown() const;
  void setName(const QString& name);
  void setEpochs(int epochs);
  void setLearningRate(double lr);
  void setDevice(const QString& device);    // auto, cpu, cuda
  void setBackend(const QString& backend);  // local, slurm
  void saveSettings(QSettings& s) const;
  void loadSettings(QSettings& s);

 Q_SIGNALS:
  void changed();
  void shapeRead();

 private:
  void readShape();
  void refresh();

  QLineEdit* name_;
  QLineEdit* data_;
  QLabel* shape_;
  QSpinBox* nodes_;
  QSpinBox* components_;
  QDoubleSpinBox* lr_;
  QSpinBox* epochs_;
  QSpinBox* topk_;
  QSpinBox* update_every_;
  QComboBox* device_;
  QComboBox* backend_;
  QSpinBox* rank_;
  QLabel* preview_;
  QGroupBox* slurm_;
  QLineEdit* partition_;
  QLineEdit* time_;
  QSpinBox* cpus_;
  QSpinBox* mem_;
  QJsonObject base_;  // the spec loaded by loadSpec (data and options the form has no field for)
  qint64 c_in_ = 0, classes_ = 0;
  bool has_logits_ = false;
  quint64 shape_generation_ = 0;
};

}  // namespace lreg::views
