"""The workflow's steps in order. Each name is a module in the `steps` package."""

WORKFLOW = "Karpathy_Micrograd_Neural_Network_Training"
TITLE = "Neural Network Training"

STEPS: tuple[str, ...] = (
    "step_01_data_preparation",
    "step_02_network_architecture_definition",
    "step_03_forward_pass_computation",
    "step_04_loss_computation",
    "step_05_backward_pass",
    "step_06_parameter_update",
    "step_07_training_loop_iteration",
)

# Steps that run again as a loop: (first step, last step, config key of the loop step holding the count).
REPEAT: tuple[int, int, int, str] | None = (7, 3, 6, "epochs")
