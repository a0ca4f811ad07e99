"""The steps of Neural Network Training, in order."""

from .runtime import Repeat, Workflow

WORKFLOW = Workflow(
    title="Neural Network Training",
    steps=(
        "step_01_data_preparation",
        "step_02_network_architecture_definition",
        "step_03_forward_pass_computation",
        "step_04_loss_computation",
        "step_05_backward_pass",
        "step_06_parameter_update",
        "step_07_training_loop_iteration",
    ),
    repeat=Repeat(step=7, first=3, last=6, key="epochs"),
)
