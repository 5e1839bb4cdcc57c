package org.transferworkbench.ui.common;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;

/** The window's {@link DialogService}: JavaFX dialogs, shown without blocking (the answer comes from the dialog). */
public final class FxDialogService implements DialogService {

    private final Node owner;

    /** @param owner a node of the window the dialogs belong to */
    public FxDialogService(Node owner) {
        this.owner = owner;
    }

    @Override
    public void confirm(String title, String header, String text, String yes, Consumer<Boolean> answer) {
        ButtonType start = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, start, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setId("confirmDialog");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.setOnHidden(e -> answer.accept(alert.getResult() == start));
        alert.show();
    }
}
